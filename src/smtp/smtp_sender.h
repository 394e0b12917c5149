// SendMail: submits one finished message over SMTP (RFC 6409 submission) with libcurl.
//
// The connection follows CurlMailHandle's rules (implicit TLS or mandatory STARTTLS, verified
// certificates, credentials never in the URL) and must authenticate: a server that offers no AUTH
// gets no message. The outcome is read from the server's own replies, which curl hands to a debug
// callback together with the commands it sent (MAIL FROM, one RCPT TO per recipient, DATA, the
// end-of-data dot): that is how refused recipients are told apart, since curl reports only the last
// reply code. Success means the server answered 250 to the end of data, nothing less.
//
// Between "sent" and "not sent" lies a third outcome that must never be reported as either: the
// server received the whole message (end of data included) and then stalled or closed before its
// verdict. It may have queued the message, so the result is delivery kUnknown, not an error: a
// caller told "not sent" sends again, and the recipient gets it twice. "Not sent" (an error) is
// only for what we know: the server refused, or never got the end of the data (a server discards a
// message whose data did not end with CRLF.CRLF).
//
// SmtpDialogue and InterpretSmtpDialogue are the pure parts, exposed so tests can feed them
// replies no real peer here produces (refused recipients, 552).
//
// Thread-safety: SendMail is reentrant (a fresh connection per call); SmtpDialogue is a plain value.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/mail_account.h"
#include "util/status.h"

namespace mail_mcp {

/// Whether the server confirmed the message (250 to the end of data) or went silent after it.
enum class SmtpDelivery { kConfirmed, kUnknown };

struct SmtpSendResult {
  SmtpDelivery delivery = SmtpDelivery::kConfirmed;
  std::string unknown_reason;  // when kUnknown: what happened instead of the verdict (timeout, connection lost)
  /// The recipients the server accepted (RCPT); with kUnknown, accepted for the envelope only.
  std::vector<std::string> accepted;
  std::vector<std::pair<std::string, std::string>> rejected;  // address, server reply
};

/// Sends `message` (complete RFC 5322 bytes, CRLF line ends) with envelope sender `from` to
/// `recipients`, logging in with the account's SMTP credentials. Refused recipients are listed in
/// `rejected` while the rest still get the message; when every recipient is refused the result is
/// InvalidArgument "every recipient was refused: <reply>". The whole message sent but no verdict:
/// delivery kUnknown (see above). Wrong password: Unauthenticated;
/// server unreachable or untrusted: Unavailable; message too large (552): ResourceExhausted.
/// Addresses holding CR, LF, NUL, other controls, '<' or '>' and messages with a bare CR or LF
/// are InvalidArgument before anything is sent.
StatusOr<SmtpSendResult> SendMail(const MailAccount& account, const MailConnectOptions& options,
                                  const std::string& from, const std::vector<std::string>& recipients,
                                  const std::string& message);

/// One command the client sent and the server's (final) reply to it.
struct SmtpExchange {
  /// "" for the greeting, "." for the end of data, "MAIL FROM:<a>", "RCPT TO:<b>", "DATA", "EHLO x",
  /// "STARTTLS", "QUIT"; any other command (AUTH and its continuation lines) is recorded as "*" so
  /// that no credential is ever kept.
  std::string command;
  int code = 0;       // 0 while no complete reply has arrived
  std::string reply;  // the reply's lines joined by ' ', control bytes removed, cut short
};

/// Builds the list of exchanges from curl's debug stream (CURLINFO_HEADER_OUT/HEADER_IN).
class SmtpDialogue {
 public:
  void OnCommand(std::string_view bytes);
  void OnReply(std::string_view bytes);
  const std::vector<SmtpExchange>& exchanges() const { return exchanges_; }

 private:
  void OnReplyLine(std::string_view line);

  std::vector<SmtpExchange> exchanges_;
  std::string partial_;  // reply bytes up to the next LF
  std::string pending_;  // the lines of a multi-line reply so far
};

/// Decides SendMail's result from the exchanges and what curl's transfer returned
/// (`transfer` is CurlToStatus of it). Recipient i is matched to the i-th RCPT exchange.
/// `whole_message_sent` says whether curl took every byte of the message from us (only then can the
/// end of data have reached the server).
StatusOr<SmtpSendResult> InterpretSmtpDialogue(const std::vector<SmtpExchange>& exchanges, const Status& transfer,
                                               const std::vector<std::string>& recipients,
                                               bool whole_message_sent = true);

}  // namespace mail_mcp
