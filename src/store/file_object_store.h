// FileObjectStore: the embedded attachment store, for installs without S3.
//
// Objects are files under one folder (ATTACHMENTS_DIR): `<hex>` holds the bytes and `<hex>.json`
// the filename and content type. mail_mcp serves them itself at
// BASE_URL/attachments/<hex>?expires=<unix>&signature=<hex>, where the signature is an HMAC of the
// key and the expiry under a key derived from ENCRYPTION_KEY: a link is a capability for one object
// until it expires, as a presigned S3 URL is. Writes go to a temporary file renamed into place, so
// readers never see half an object. RemoveOlderThan() is the retention sweep the server runs
// periodically (S3 users get the same from a lifecycle rule).
//
// Thread-safety: safe to call concurrently; concurrent Puts of one key are last-writer-wins, and
// both writers write the same bytes.
#pragma once

#include <string>

#include "store/object_store.h"

namespace mail_mcp {

class FileObjectStore : public ObjectStore {
 public:
  /// `base_url` is the server's public origin; `key_secret` its ENCRYPTION_KEY.
  FileObjectStore(std::string dir, std::string base_url, const std::string& key_secret);

  /// Creates the folder (and its parents) if needed and checks it is writable.
  Status Init() const;

  StatusOr<std::optional<ObjectHead>> Head(const std::string& key,
                                           StoreDeadline deadline = kNoStoreDeadline) const override;
  Status Put(const std::string& key, const ObjectInfo& info, const std::string& bytes,
             StoreDeadline deadline = kNoStoreDeadline) const override;
  StatusOr<StoredObject> Get(const std::string& key, size_t max_bytes) const override;
  std::string SignedUrl(const std::string& key, const ObjectInfo& info, int64_t now, int64_t lifetime_s) const override;
  StatusOr<std::string> KeyOfSignedUrl(const std::string& url, int64_t now) const override;

  /// Where a download is served from: the data file's path (for streaming) and how to present it.
  struct Located {
    std::string path;
    ObjectInfo info;
  };
  StatusOr<Located> Locate(const std::string& key) const;

  /// Deletes objects last written more than `max_age_s` seconds before `now`, and leftovers of
  /// interrupted writes; returns how many objects were removed.
  size_t RemoveOlderThan(int64_t now, int64_t max_age_s) const;

 private:
  /// The object's file name (its 64 hex digits), or an error for a key this store never makes.
  StatusOr<std::string> FileName(const std::string& key) const;
  std::string Signature(const std::string& key, int64_t expires) const;

  std::string dir_;
  std::string base_url_;
  std::string link_key_;
};

}  // namespace mail_mcp
