#include "oauth/login_rate_limiter.h"

#include <algorithm>

namespace mail_mcp {

StatusOr<LoginRateLimiter::Standing> LoginRateLimiter::Look(const std::string& key) {
  auto w = store_->LoginFailures(key);
  if (!w.ok()) return Status::Unavailable(w.status().message());
  return Standing{w->count, w->count >= max_failures_ ? std::max<int64_t>(1, w->seconds_left) : 0};
}

StatusOr<int64_t> LoginRateLimiter::RetryAfter(const std::string& key) {
  auto standing = Look(key);
  if (!standing.ok()) return standing.status();
  return standing->retry_after;
}

void LoginRateLimiter::RecordFailure(const std::string& key) { (void)store_->AddLoginFailure(key, window_); }

}  // namespace mail_mcp
