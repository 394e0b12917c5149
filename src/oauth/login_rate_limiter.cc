#include "oauth/login_rate_limiter.h"

#include <algorithm>

namespace mail_mcp {

StatusOr<int64_t> LoginRateLimiter::RetryAfter(const std::string& key) {
  auto w = store_->LoginFailures(key);
  if (!w.ok()) return Status::Unavailable(w.status().message());
  return w->count >= max_failures_ ? std::max<int64_t>(1, w->seconds_left) : 0;
}

void LoginRateLimiter::RecordFailure(const std::string& key) { (void)store_->AddLoginFailure(key, window_); }

StatusOr<int> LoginRateLimiter::Failures(const std::string& key) {
  auto w = store_->LoginFailures(key);
  if (!w.ok()) return Status::Unavailable(w.status().message());
  return static_cast<int>(w->count);
}

}  // namespace mail_mcp
