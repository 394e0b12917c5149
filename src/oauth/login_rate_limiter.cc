#include "oauth/login_rate_limiter.h"

namespace mail_mcp {

int64_t LoginRateLimiter::RetryAfter(const std::string& address, int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = windows_.find(address);
  if (it == windows_.end()) {
    if (windows_.size() < max_addresses_) return 0;
    PurgeExpired(now);
    return windows_.size() < max_addresses_ ? 0 : window_;
  }
  if (now - it->second.start >= window_) {
    windows_.erase(it);
    return 0;
  }
  return it->second.failures >= max_failures_ ? it->second.start + window_ - now : 0;
}

void LoginRateLimiter::RecordFailure(const std::string& address, int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = windows_.find(address);
  if (it == windows_.end() || now - it->second.start >= window_) {
    if (it == windows_.end() && windows_.size() >= max_addresses_) PurgeExpired(now);
    if (windows_.size() >= max_addresses_) return;  // RetryAfter already refuses new addresses
    windows_[address] = Window{now, 1};
    return;
  }
  ++it->second.failures;
}

int LoginRateLimiter::Failures(const std::string& key, int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = windows_.find(key);
  return it == windows_.end() || now - it->second.start >= window_ ? 0 : it->second.failures;
}

void LoginRateLimiter::PurgeExpired(int64_t now) {
  for (auto it = windows_.begin(); it != windows_.end();)
    it = now - it->second.start >= window_ ? windows_.erase(it) : std::next(it);
}

}  // namespace mail_mcp
