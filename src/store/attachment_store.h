// AttachmentStore: publishes message attachments as download links and resolves links back to bytes.
//
// Attachments never travel inside MCP results (base64 blows the model's context); get_mail_message
// publishes each one here and hands out a link valid for 7 days, and send_mail_message /
// create_draft_mail_message accept such links back as attachment_urls.
//
// Publishing is idempotent and uploads at most once: the object key is an HMAC (keyed from
// ENCRYPTION_KEY) of the attachment's identity (account, folder, UIDVALIDITY, UID, part), so the
// same attachment always maps to the same object and keys reveal no mailbox names or addresses.
// A HEAD decides whether the bytes must be fetched from IMAP and written at all. Objects older than
// kRefreshAfter are rewritten so that a store which deletes objects after kRetention (the embedded
// store's sweep, or an S3 lifecycle rule) never deletes one a live link still points to.
//
// Resolving a link accepts only links the backend itself signed, unexpired, and touches no network
// before that check passes: a client cannot make the server fetch an arbitrary URL (SSRF).
//
// Thread-safety: immutable after construction; safe to call from any number of threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "store/object_store.h"
#include "util/status.h"

namespace mail_mcp {

struct AttachmentLink {
  std::string url;
  int64_t expires_at = 0;        // Unix seconds
  std::optional<uint64_t> size;  // the stored object's bytes, when the store says
};

class AttachmentStore {
 public:
  static constexpr int64_t kLinkLifetime = 7 * 24 * 3600;  // the S3 presigning maximum
  static constexpr int64_t kRefreshAfter = 6 * 24 * 3600;
  /// How long a store must keep objects: a link made just before a refresh outlives it by kLinkLifetime.
  static constexpr int64_t kRetention = kRefreshAfter + kLinkLifetime + 24 * 3600;

  /// `key_secret` is the server's ENCRYPTION_KEY (object keys are derived from it, never equal to it);
  /// `clock` returns Unix seconds; `publish_budget` is what publishing one message's attachments may
  /// take in all (ATTACHMENT_PUBLISH_TIMEOUT_MS; used by the callers that publish).
  AttachmentStore(std::unique_ptr<ObjectStore> backend, const std::string& key_secret, std::function<int64_t()> clock,
                  std::chrono::milliseconds publish_budget = std::chrono::seconds(20));

  std::chrono::milliseconds publish_budget() const { return publish_budget_; }

  /// Publishes the attachment identified by `identity` (any string that names it uniquely, e.g.
  /// account, folder, UIDVALIDITY, UID and part) and returns a link that downloads it as `info`.
  /// `fetch` supplies the bytes and is called only when the object is missing or stale.
  StatusOr<AttachmentLink> Publish(const std::string& identity, const ObjectInfo& info,
                                   const std::function<StatusOr<std::string>()>& fetch,
                                   StoreDeadline deadline = kNoStoreDeadline) const;

  /// Publish in two steps, so that the store's round trips for many attachments can run
  /// concurrently while their bytes are fetched one at a time. Find: the link when the object is
  /// there and fresh, nullopt when it must be written (with Write).
  StatusOr<std::optional<AttachmentLink>> Find(const std::string& identity, const ObjectInfo& info,
                                               StoreDeadline deadline = kNoStoreDeadline) const;
  StatusOr<AttachmentLink> Write(const std::string& identity, const ObjectInfo& info, const std::string& bytes,
                                 StoreDeadline deadline = kNoStoreDeadline) const;

  /// The object behind one of our own unexpired links, if it holds at most `max_bytes`.
  StatusOr<StoredObject> Open(const std::string& url, size_t max_bytes) const;

  /// The backend's key for `identity` ("attachments/" + 64 hex digits).
  std::string ObjectKey(const std::string& identity) const;

 private:
  std::unique_ptr<ObjectStore> backend_;
  std::string identity_key_;  // HMAC key for ObjectKey, derived from key_secret
  std::function<int64_t()> clock_;
  std::chrono::milliseconds publish_budget_;
};

}  // namespace mail_mcp
