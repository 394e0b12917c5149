#include "oauth/sign_in_throttle.h"

#include "util/ascii.h"

namespace mail_mcp {

std::string SignInThrottle::UserKey(std::string_view username) { return "user:" + ToLowerAscii(Trim(username)); }

SignInThrottle::Verdict SignInThrottle::Check(const std::string& client, std::string_view username, int64_t now) {
  Verdict v;
  if (int64_t wait = counters_.RetryAfter(ClientKey(client), now); wait > 0) {
    v.retry_after = wait;
    v.why = Verdict::Why::kClient;
    return v;
  }
  if (username.empty()) return v;
  // The account's limit binds only addresses that have failed themselves (see the header).
  if (int64_t wait = counters_.RetryAfter(UserKey(username), now);
      wait > 0 && counters_.Failures(ClientKey(client), now) > 0) {
    v.retry_after = wait;
    v.why = Verdict::Why::kAccount;
  }
  return v;
}

void SignInThrottle::RecordFailure(const std::string& client, std::string_view username, int64_t now) {
  counters_.RecordFailure(ClientKey(client), now);
  if (!username.empty()) counters_.RecordFailure(UserKey(username), now);
}

}  // namespace mail_mcp
