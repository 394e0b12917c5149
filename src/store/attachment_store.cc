#include "store/attachment_store.h"

#include "crypto/sha256.h"
#include "util/hex.h"

namespace mail_mcp {

AttachmentStore::AttachmentStore(std::unique_ptr<ObjectStore> backend, const std::string& key_secret,
                                 std::function<int64_t()> clock)
    : backend_(std::move(backend)),
      identity_key_(DeriveKey(key_secret, "attachment object keys")),
      clock_(std::move(clock)) {}

std::string AttachmentStore::ObjectKey(const std::string& identity) const {
  return "attachments/" + HexEncode(HmacSha256(identity_key_, identity));
}

StatusOr<AttachmentLink> AttachmentStore::Publish(const std::string& identity, const ObjectInfo& info,
                                                  const std::function<StatusOr<std::string>()>& fetch) const {
  std::string key = ObjectKey(identity);
  int64_t now = clock_();
  auto head = backend_->Head(key);
  if (!head.ok()) return head.status();
  std::optional<uint64_t> size = *head ? (*head)->size : std::nullopt;
  if (!*head || now - (*head)->written_at > kRefreshAfter) {
    auto bytes = fetch();
    if (!bytes.ok()) return bytes.status();
    if (Status s = backend_->Put(key, info, *bytes); !s.ok()) return s;
    size = bytes->size();
  }
  return AttachmentLink{backend_->SignedUrl(key, info, now, kLinkLifetime), now + kLinkLifetime, size};
}

StatusOr<StoredObject> AttachmentStore::Open(const std::string& url, size_t max_bytes) const {
  auto key = backend_->KeyOfSignedUrl(url, clock_());
  if (!key.ok()) return key.status();
  return backend_->Get(*key, max_bytes);
}

}  // namespace mail_mcp
