#include "util/keyed_limiter.h"

namespace mail_mcp {

bool KeyedLimiter::TryAcquire(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t& n = held_[key];
  if (n >= max_per_key_) {
    if (n == 0) held_.erase(key);
    return false;
  }
  ++n;
  return true;
}

void KeyedLimiter::Release(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = held_.find(key);
  if (it == held_.end()) return;
  if (--it->second == 0) held_.erase(it);
}

size_t KeyedLimiter::held(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = held_.find(key);
  return it == held_.end() ? 0 : it->second;
}

}  // namespace mail_mcp
