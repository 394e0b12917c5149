#include "store/attachment_store.h"

#include "crypto/sha256.h"
#include "util/hex.h"

namespace mail_mcp {

AttachmentStore::AttachmentStore(std::unique_ptr<ObjectStore> backend, const std::string& key_secret,
                                 std::function<int64_t()> clock, std::chrono::milliseconds publish_budget)
    : backend_(std::move(backend)),
      identity_key_(DeriveKey(key_secret, "attachment object keys")),
      clock_(std::move(clock)),
      publish_budget_(publish_budget) {}

std::string AttachmentStore::ObjectKey(const std::string& identity) const {
  return "attachments/" + HexEncode(HmacSha256(identity_key_, identity));
}

StatusOr<AttachmentLink> AttachmentStore::Publish(const std::string& identity, const ObjectInfo& info,
                                                  const std::function<StatusOr<std::string>()>& fetch,
                                                  StoreDeadline deadline) const {
  auto found = Find(identity, info, deadline);
  if (!found.ok()) return found.status();
  if (*found) return **found;
  auto bytes = fetch();
  if (!bytes.ok()) return bytes.status();
  return Write(identity, info, *bytes, deadline);
}

StatusOr<std::optional<AttachmentLink>> AttachmentStore::Find(const std::string& identity, const ObjectInfo& info,
                                                              StoreDeadline deadline) const {
  const std::string key = ObjectKey(identity);
  const int64_t now = clock_();
  auto head = backend_->Head(key, deadline);
  if (!head.ok()) return head.status();
  if (!*head || now - (*head)->written_at > kRefreshAfter) return std::optional<AttachmentLink>();
  return std::optional<AttachmentLink>(
      AttachmentLink{backend_->SignedUrl(key, info, now, kLinkLifetime), now + kLinkLifetime, (*head)->size});
}

StatusOr<AttachmentLink> AttachmentStore::Write(const std::string& identity, const ObjectInfo& info,
                                                const std::string& bytes, StoreDeadline deadline) const {
  const std::string key = ObjectKey(identity);
  if (Status s = backend_->Put(key, info, bytes, deadline); !s.ok()) return s;
  const int64_t now = clock_();
  return AttachmentLink{backend_->SignedUrl(key, info, now, kLinkLifetime), now + kLinkLifetime, bytes.size()};
}

StatusOr<StoredObject> AttachmentStore::Open(const std::string& url, size_t max_bytes) const {
  auto key = backend_->KeyOfSignedUrl(url, clock_());
  if (!key.ok()) return key.status();
  return backend_->Get(*key, max_bytes);
}

}  // namespace mail_mcp
