// The set of authorization codes already exchanged, so each code works once (RFC 6749 §4.1.2).
//
// Codes are stateless JWEs, so single use needs this one piece of memory: a code's `jti` is kept
// until the code would have expired anyway, after which it cannot be replayed regardless. A server
// restart forgets the set; codes live 5 minutes, which bounds that window. (Several replicas behind
// a load balancer would need a shared set; documented in the README.)
//
// Thread-safety: all methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mail_mcp {

class UsedCodes {
 public:
  explicit UsedCodes(size_t max_entries = 1'000'000) : max_entries_(max_entries) {}

  /// Records `jti` as used until `expires_at`; false when it was already used (a replay) or the set is
  /// full of unexpired codes (fail closed).
  bool MarkUsed(const std::string& jti, int64_t expires_at, int64_t now);
  size_t size() const;

 private:
  void PurgeExpired(int64_t now);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, int64_t> used_;  // jti -> expiry
  size_t max_entries_;
  int64_t last_purge_ = 0;
};

}  // namespace mail_mcp
