// Slows password guessing on the login form: failed sign-ins are counted per client address and per
// mailbox username, LOGIN_MAX_FAILURES per LOGIN_WINDOW_SECONDS each.
//
// A client address over its limit is refused (429) for the rest of its window: that stops one
// guesser, and only that one (behind a proxy the address is the forwarded one, TRUSTED_PROXIES).
// A username over its limit, which a guesser spread over many addresses reaches, is refused only to
// addresses that have themselves failed in their window: each new address of a distributed guesser
// gets one guess per window instead of LOGIN_MAX_FAILURES, while the mailbox's owner, signing in from
// an address with no failures, is never locked out by someone else's guessing.
//
// The counts live in the StateStore, so with a shared store (STATE_URL) every replica's failures add
// up; a store that cannot count makes sign-in wait (kUnavailable), never go unthrottled.
//
// Thread-safety: safe to share between threads (the store locks internally).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "oauth/login_rate_limiter.h"

namespace mail_mcp {

class SignInThrottle {
 public:
  SignInThrottle(StateStore* store, int max_failures, int64_t window_seconds)
      : counters_(store, max_failures, window_seconds) {}

  struct Verdict {
    int64_t retry_after = 0;  // seconds; 0 means go ahead
    enum class Why { kNone, kClient, kAccount, kUnavailable } why = Why::kNone;
  };

  /// Whether `client` (a ClientCounterKey) may try to sign in as `username` now.
  Verdict Check(const std::string& client, std::string_view username);
  void RecordFailure(const std::string& client, std::string_view username);

 private:
  static std::string ClientKey(const std::string& client) { return "client:" + client; }
  /// Usernames compare as mail servers usually do: ASCII case and surrounding blanks ignored.
  static std::string UserKey(std::string_view username);

  LoginRateLimiter counters_;
};

}  // namespace mail_mcp
