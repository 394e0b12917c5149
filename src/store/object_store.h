// ObjectStore: where attachment bytes live, and how download links to them are signed and checked.
//
// Two backends implement it: S3ObjectStore (AWS S3 or an S3-compatible store, SigV4 signed by us)
// and FileObjectStore (files under ATTACHMENTS_DIR, served by mail_mcp itself at /attachments/).
// AttachmentStore sits on top and decides keys, freshness and size limits; backends only move
// bytes and sign or verify links.
//
// Keys are opaque ASCII ([A-Za-z0-9/_.-], at most 200 bytes) chosen by AttachmentStore. Links are
// bearer capabilities: whoever holds an unexpired link can download that one object, so
// SignedUrl's signature must cover the key, the expiry and the filename/content type it serves,
// and KeyOfSignedUrl must accept nothing else (it is how attachment_urls from a client are
// checked before any network access, against SSRF).
//
// Thread-safety: implementations are safe to call concurrently from any number of threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "util/status.h"

namespace mail_mcp {

/// How a stored object presents itself when downloaded or attached to an outgoing message.
struct ObjectInfo {
  std::string filename;      // UTF-8, may be empty
  std::string content_type;  // e.g. "application/pdf"
};

/// What HEAD says about a stored object.
struct ObjectHead {
  int64_t written_at = 0;        // Unix seconds
  std::optional<uint64_t> size;  // bytes; nullopt when the store did not say
};

struct StoredObject {
  ObjectInfo info;
  std::string bytes;
};

/// When a store call must have answered: a remote store gives up then (Unavailable, "timed out"),
/// on top of its own per-request timeouts. kNoStoreDeadline leaves only those.
using StoreDeadline = std::chrono::steady_clock::time_point;
inline constexpr StoreDeadline kNoStoreDeadline = StoreDeadline::max();

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  /// When the object was last written and its size, nullopt when it does not exist, or an error
  /// when the store cannot be reached.
  virtual StatusOr<std::optional<ObjectHead>> Head(const std::string& key,
                                                   StoreDeadline deadline = kNoStoreDeadline) const = 0;
  /// Writes (or overwrites) the object. `bytes` is not copied.
  virtual Status Put(const std::string& key, const ObjectInfo& info, const std::string& bytes,
                     StoreDeadline deadline = kNoStoreDeadline) const = 0;
  /// Reads the object; an error if it does not exist or is larger than `max_bytes`.
  virtual StatusOr<StoredObject> Get(const std::string& key, size_t max_bytes) const = 0;

  /// A GET link for `key` valid for `lifetime_s` seconds from `now` (Unix seconds) that downloads
  /// with `info`'s filename (Content-Disposition) and content type. No network access.
  virtual std::string SignedUrl(const std::string& key, const ObjectInfo& info, int64_t now,
                                int64_t lifetime_s) const = 0;
  /// If `url` is a link SignedUrl made (same endpoint, bucket/folder, valid signature) and it has
  /// not expired at `now`, returns its key; otherwise an InvalidArgument error saying why.
  /// No network access.
  virtual StatusOr<std::string> KeyOfSignedUrl(const std::string& url, int64_t now) const = 0;
};

}  // namespace mail_mcp
