#include "smtp/smtp_login_check.h"

#include <string_view>

#include "net/curl_mail_handle.h"

namespace mail_mcp {
namespace {

/// A transcript line "235 ..." or "235-...": RFC 4954's only success reply to AUTH.
bool HasAuthSuccess(std::string_view transcript) {
  size_t pos = 0;
  while (pos < transcript.size()) {
    size_t end = transcript.find('\n', pos);
    if (end == std::string_view::npos) end = transcript.size();
    std::string_view line = transcript.substr(pos, end - pos);
    if (line.size() >= 4 && line.substr(0, 3) == "235" && (line[3] == ' ' || line[3] == '-' || line[3] == '\r'))
      return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

Status CheckSmtpLogin(const MailAccount& account, const MailConnectOptions& options) {
  if (account.smtp_username.empty()) return Status::InvalidArgument("the SMTP username is empty");
  CurlMailHandle smtp(SmtpEndpoint(account), options, /*max_response_bytes=*/1 << 20);
  // curl authenticates while connecting, then sends the custom command. When the server offers no
  // AUTH, curl skips authentication without an error, hence the check of the transcript.
  Status s = smtp.Perform("NOOP");
  if (!s.ok()) return s;
  if (!HasAuthSuccess(smtp.transcript())) {
    const MailEndpoint& e = smtp.endpoint();
    return Status::Unavailable("the SMTP server " + e.host + ":" + std::to_string(e.port) +
                               " does not offer authentication (AUTH), which sending mail requires");
  }
  return Status::OK();
}

}  // namespace mail_mcp
