// Counts failed logins per key (SignInThrottle counts "client:<address>" and "user:<name>"), so the login form cannot
// be used to brute-force a mail server (or to get the server's IP address blocked by one).
//
// A fixed window per key: after `max_failures` failed attempts within `window_seconds`, further
// attempts under that key are refused until the window ends. Only failures count; a user who logs
// in successfully is never slowed down. The counts live in the StateStore, so with a shared store
// (STATE_URL) the failures on every replica add up. Fail closed: when the store cannot count (a
// shared store unreachable, or the embedded table full of live windows), sign-in waits.
//
// Thread-safety: all methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>

#include "state/state_store.h"

namespace mail_mcp {

class LoginRateLimiter {
 public:
  LoginRateLimiter(StateStore* store, int max_failures, int64_t window_seconds)
      : store_(store), max_failures_(max_failures), window_(window_seconds) {}

  /// Where `key` stands: its failures in the current window, and 0 when it may try now, otherwise
  /// the seconds to wait (for Retry-After). One store lookup; Unavailable when the store cannot say.
  struct Standing {
    int64_t failures = 0;
    int64_t retry_after = 0;
  };
  StatusOr<Standing> Look(const std::string& key);
  /// Look(key)'s retry_after.
  StatusOr<int64_t> RetryAfter(const std::string& key);
  /// Counts one failure under `key` (best effort: a store that cannot count is already refusing).
  void RecordFailure(const std::string& key);

 private:
  StateStore* store_;
  int max_failures_;
  int64_t window_;
};

}  // namespace mail_mcp
