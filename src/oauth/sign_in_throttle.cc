#include "oauth/sign_in_throttle.h"

#include "util/ascii.h"

namespace mail_mcp {

std::string SignInThrottle::UserKey(std::string_view username) { return "user:" + ToLowerAscii(Trim(username)); }

SignInThrottle::Verdict SignInThrottle::Check(const std::string& client, std::string_view username) {
  Verdict v;
  auto mine = counters_.Look(ClientKey(client));
  if (!mine.ok()) {
    v.why = Verdict::Why::kUnavailable;
    return v;
  }
  if (mine->retry_after > 0) {
    v.retry_after = mine->retry_after;
    v.why = Verdict::Why::kClient;
    return v;
  }
  if (username.empty()) return v;
  // The account's limit binds only addresses that have failed themselves (see the header).
  auto account = counters_.Look(UserKey(username));
  if (!account.ok()) {
    v.why = Verdict::Why::kUnavailable;
    return v;
  }
  if (account->retry_after > 0 && mine->failures > 0) {
    v.retry_after = account->retry_after;
    v.why = Verdict::Why::kAccount;
  }
  return v;
}

void SignInThrottle::RecordFailure(const std::string& client, std::string_view username) {
  counters_.RecordFailure(ClientKey(client));
  if (!username.empty()) counters_.RecordFailure(UserKey(username));
}

}  // namespace mail_mcp
