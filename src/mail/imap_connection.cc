#include "mail/imap_connection.h"

#include <curl/curl.h>

#include "mail/imap_transcript.h"

namespace mail_mcp {
namespace {

Status ValidateCommand(std::string_view command) {
  if (command.empty()) return Status::InvalidArgument("empty IMAP command");
  for (char c : command) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      return Status::InvalidArgument("IMAP command contains a line break or control character");
  }
  return Status::OK();
}

/// Server text for an error message: printable and short.
std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= 300) {
      out += "...";
      break;
    }
    unsigned char u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? ' ' : c;
  }
  return out;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view upper_prefix) {
  if (s.size() < upper_prefix.size()) return false;
  for (size_t i = 0; i < upper_prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper_prefix[i]) return false;
  }
  return true;
}

/// A NO about a mailbox that does not exist: RFC 5530 [NONEXISTENT] or [TRYCREATE] (APPEND/COPY
/// target), or Dovecot 2.3's SELECT reply, which has no code ("Mailbox doesn't exist: X").
bool IsNonexistent(std::string_view text) {
  return StartsWithIgnoreCase(text, "[NONEXISTENT]") || StartsWithIgnoreCase(text, "[TRYCREATE]") ||
         StartsWithIgnoreCase(text, "MAILBOX DOESN'T EXIST") || StartsWithIgnoreCase(text, "MAILBOX DOES NOT EXIST");
}

}  // namespace

ImapConnection::ImapConnection(const MailAccount& account, const MailConnectOptions& options,
                               size_t max_response_bytes)
    : handle_(ImapEndpoint(account), options, max_response_bytes) {}

ImapConnection::~ImapConnection() = default;

Status ImapConnection::Connect() { return Command("NOOP").status(); }

StatusOr<std::string> ImapConnection::Command(std::string_view command) {
  if (Status s = ValidateCommand(command); !s.ok()) return s;
  const Status curl_status = handle_.Perform(command);
  // CURLE_QUOTE_ERROR is curl's word for a tagged NO/BAD; any other failure has no reply to read.
  if (!curl_status.ok() && handle_.last_curl_code() != CURLE_QUOTE_ERROR) return curl_status;

  auto result = LastImapCommand(handle_.transcript());
  if (!result.ok()) {
    // The server is broken, or curl took a line inside a literal for the end of the command and
    // the rest of the response is still unread: either way the session is out of step.
    handle_.Disconnect();
    if (!curl_status.ok()) return curl_status;
    return Status::Unavailable("the IMAP server's response could not be parsed: " + result.status().message());
  }
  if (curl_status.ok()) return std::move(result->untagged);

  const ImapResponse& done = result->completion;
  const std::string status = done.status();
  if (status != "NO" && status != "BAD") return curl_status;
  std::string message = "the IMAP server refused the command: " + Printable(done.text);
  if (status == "NO" && IsNonexistent(done.text)) return Status::NotFound(message);
  return Status::InvalidArgument(message);
}

}  // namespace mail_mcp
