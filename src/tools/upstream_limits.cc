#include "tools/upstream_limits.h"

#include <utility>

#include "util/ascii.h"

namespace mail_mcp {

UpstreamLimits::Slot::Slot(Slot&& other) noexcept
    : limits_(std::exchange(other.limits_, nullptr)),
      account_(std::move(other.account_)),
      client_(std::move(other.client_)) {}

UpstreamLimits::Slot::~Slot() {
  if (!limits_) return;
  limits_->per_account_.Release(account_);
  limits_->per_client_.Release(client_);
}

StatusOr<UpstreamLimits::Slot> UpstreamLimits::Acquire(const MailAccount& account, const std::string& client) {
  /// The mailbox, not the password: two tokens of one mailbox share its cap.
  std::string key = ToLowerAscii(account.servers.imap_host) + ":" + std::to_string(account.servers.imap_port) + "\n" +
                    account.imap_username;
  if (!per_client_.TryAcquire(client))
    return Status::ResourceExhausted("too many mail calls from your address are in progress (" +
                                     std::to_string(per_client_.max_per_key()) +
                                     " at once); try again when one has finished");
  if (!per_account_.TryAcquire(key)) {
    per_client_.Release(client);
    return Status::ResourceExhausted("too many calls on this mailbox are in progress (" +
                                     std::to_string(per_account_.max_per_key()) +
                                     " at once); try again when one has finished");
  }
  return Slot(this, std::move(key), client);
}

}  // namespace mail_mcp
