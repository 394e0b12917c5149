#include "oauth/sign_in_throttle.h"

#include "util/ascii.h"

namespace mail_mcp {

std::string SignInThrottle::UserKey(std::string_view username) { return "user:" + ToLowerAscii(Trim(username)); }

SignInThrottle::Verdict SignInThrottle::Check(const std::string& client, std::string_view username) {
  Verdict v;
  auto client_wait = counters_.RetryAfter(ClientKey(client));
  if (!client_wait.ok()) {
    v.why = Verdict::Why::kUnavailable;
    return v;
  }
  if (*client_wait > 0) {
    v.retry_after = *client_wait;
    v.why = Verdict::Why::kClient;
    return v;
  }
  if (username.empty()) return v;
  // The account's limit binds only addresses that have failed themselves (see the header).
  auto account_wait = counters_.RetryAfter(UserKey(username));
  auto client_failures = counters_.Failures(ClientKey(client));
  if (!account_wait.ok() || !client_failures.ok()) {
    v.why = Verdict::Why::kUnavailable;
    return v;
  }
  if (*account_wait > 0 && *client_failures > 0) {
    v.retry_after = *account_wait;
    v.why = Verdict::Why::kAccount;
  }
  return v;
}

void SignInThrottle::RecordFailure(const std::string& client, std::string_view username) {
  counters_.RecordFailure(ClientKey(client));
  if (!username.empty()) counters_.RecordFailure(UserKey(username));
}

}  // namespace mail_mcp
