// Counts failed logins per key within a fixed window, so the login form cannot be used to
// brute-force a mail server (or to get the server's IP address blocked by one).
//
// Keys are opaque strings (SignInThrottle counts "client:<address>" and "user:<name>"). A fixed
// window per key: after `max_failures` failed attempts within `window_seconds`, RetryAfter says how
// long until the window ends. Only failures count; a user who logs in successfully is never slowed
// down. Memory is bounded: when the table is full, expired windows are dropped, and if none are,
// new keys are refused (fail closed) until some expire.
//
// Thread-safety: all methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mail_mcp {

class LoginRateLimiter {
 public:
  LoginRateLimiter(int max_failures, int64_t window_seconds, size_t max_addresses = 100'000)
      : max_failures_(max_failures), window_(window_seconds), max_addresses_(max_addresses) {}

  /// 0 when `key` may try now, otherwise the seconds to wait (for Retry-After).
  int64_t RetryAfter(const std::string& key, int64_t now);
  void RecordFailure(const std::string& key, int64_t now);
  /// Failures recorded for `key` in its current window.
  int Failures(const std::string& key, int64_t now);

 private:
  struct Window {
    int64_t start = 0;
    int failures = 0;
  };
  void PurgeExpired(int64_t now);

  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
  int max_failures_;
  int64_t window_;
  size_t max_addresses_;
};

}  // namespace mail_mcp
