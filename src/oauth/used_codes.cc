#include "oauth/used_codes.h"

namespace mail_mcp {

bool UsedCodes::MarkUsed(const std::string& jti, int64_t expires_at, int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (now - last_purge_ >= 60 || used_.size() >= max_entries_) PurgeExpired(now);
  if (used_.count(jti)) return false;
  if (used_.size() >= max_entries_) return false;
  used_.emplace(jti, expires_at);
  return true;
}

size_t UsedCodes::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return used_.size();
}

void UsedCodes::PurgeExpired(int64_t now) {
  for (auto it = used_.begin(); it != used_.end();) it = it->second <= now ? used_.erase(it) : std::next(it);
  last_purge_ = now;
}

}  // namespace mail_mcp
