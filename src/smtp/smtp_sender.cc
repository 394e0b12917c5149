#include "smtp/smtp_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "net/curl_mail_handle.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

constexpr size_t kMaxReplyChars = 300;

/// Printable bytes only (server text ends up in messages for people), UTF-8 kept.
void AppendPrintable(std::string& out, std::string_view text) {
  for (char ch : text) {
    if (out.size() >= kMaxReplyChars) return;
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7f) out += ch;
  }
}

int ReplyCode(std::string_view line) {
  if (line.size() < 3) return 0;
  for (int i = 0; i < 3; ++i)
    if (line[i] < '0' || line[i] > '9') return 0;
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

Status CheckAddress(const std::string& address, const char* role) {
  if (address.empty()) return Status::InvalidArgument(std::string("the ") + role + " address is empty");
  for (char ch : address) {
    const unsigned char c = static_cast<unsigned char>(ch);
    /// A CR or LF would end the MAIL/RCPT command and start another (command injection); '<' and
    /// '>' would let the address close the path and add ESMTP parameters.
    if (c < 0x20 || c == 0x7f || c == '<' || c == '>')
      return Status::InvalidArgument(std::string("the ") + role + " address \"" +
                                     (c < 0x20 || c == 0x7f ? std::string("(contains a control character)") : address) +
                                     "\" contains a character not allowed in a mail address");
  }
  return Status::OK();
}

/// curl dot-stuffs and finds the end of data by CRLF only, while some servers (Exim among them)
/// also take a bare LF as a line end: a bare "\n.\r\n" could then end the message early and smuggle
/// a second one. So the message must use CRLF strictly and hold no NUL.
Status CheckMessage(const std::string& message) {
  if (message.empty()) return Status::InvalidArgument("the message is empty");
  for (size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '\0') return Status::InvalidArgument("the message contains a NUL byte");
    if (c == '\r' && (i + 1 >= message.size() || message[i + 1] != '\n'))
      return Status::InvalidArgument("the message contains a CR that is not followed by LF");
    if (c == '\n' && (i == 0 || message[i - 1] != '\r'))
      return Status::InvalidArgument("the message contains a LF that is not preceded by CR");
  }
  return Status::OK();
}

/// A refusal of MAIL, DATA or the message itself, by reply code.
Status ReplyError(const std::string& what, const SmtpExchange& e) {
  if (e.code == 552) return Status::ResourceExhausted("the message is too large for the server: " + e.reply);
  if (e.code == 530 || e.code == 535) return Status::Unauthenticated("the server requires authentication: " + e.reply);
  if (e.code / 100 == 4) return Status::Unavailable(what + " (temporary failure, try later): " + e.reply);
  return Status::InvalidArgument(what + ": " + e.reply);
}

struct Transfer {
  const std::string* message = nullptr;
  size_t offset = 0;
  SmtpDialogue dialogue;
  bool no_auth = false;  // the upload was aborted because the server never confirmed a login
};

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* t = static_cast<Transfer*>(user);
  if (type == CURLINFO_HEADER_OUT) t->dialogue.OnCommand(std::string_view(data, size));
  else if (type == CURLINFO_HEADER_IN) t->dialogue.OnReply(std::string_view(data, size));
  return 0;
}

bool LoggedIn(const SmtpDialogue& dialogue) {
  for (const SmtpExchange& e : dialogue.exchanges())
    if (e.command == "*" && e.code == 235) return true;
  return false;
}

size_t OnRead(char* buffer, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  /// curl skips AUTH when the server does not offer it and would then submit unauthenticated;
  /// the first read comes after DATA's 354, and aborting there (before the final dot) makes the
  /// server discard the message.
  if (t->offset == 0 && !LoggedIn(t->dialogue)) {
    t->no_auth = true;
    return CURL_READFUNC_ABORT;
  }
  const size_t n = std::min(size * count, t->message->size() - t->offset);
  std::memcpy(buffer, t->message->data() + t->offset, n);
  t->offset += n;
  return n;
}

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

void SmtpDialogue::OnCommand(std::string_view bytes) {
  while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r')) bytes.remove_suffix(1);
  std::string command;
  for (const char* known : {"MAIL FROM:", "RCPT TO:", "DATA", "EHLO", "HELO", "STARTTLS", "QUIT", "RSET", "NOOP"}) {
    if (StartsWithIgnoreCase(bytes, known)) {
      AppendPrintable(command, bytes);
      break;
    }
  }
  if (command.empty()) command = "*";  // AUTH and SASL responses: never kept
  exchanges_.push_back({std::move(command), 0, ""});
}

void SmtpDialogue::OnReply(std::string_view bytes) {
  partial_.append(bytes.data(), bytes.size());
  size_t start = 0;
  for (size_t nl; (nl = partial_.find('\n', start)) != std::string::npos; start = nl + 1) {
    std::string_view line(partial_.data() + start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    OnReplyLine(line);
  }
  partial_.erase(0, start);
}

void SmtpDialogue::OnReplyLine(std::string_view line) {
  const int code = ReplyCode(line);
  const bool more = code != 0 && line.size() > 3 && line[3] == '-';
  if (pending_.empty()) AppendPrintable(pending_, line);
  else {
    pending_ += ' ';
    AppendPrintable(pending_, code != 0 && line.size() > 3 ? line.substr(4) : line);
  }
  if (more || code == 0) return;
  /// A reply with no command of its own after DATA's 354 answers the end of data (the body goes
  /// out as data, not as a command); the very first one is the greeting.
  if (exchanges_.empty() || exchanges_.back().code != 0) {
    const bool after_data = !exchanges_.empty() && exchanges_.back().command == "DATA" && exchanges_.back().code == 354;
    exchanges_.push_back({after_data ? "." : "", 0, ""});
  }
  exchanges_.back().code = code;
  exchanges_.back().reply = std::move(pending_);
  pending_.clear();
}

StatusOr<SmtpSendResult> InterpretSmtpDialogue(const std::vector<SmtpExchange>& exchanges, const Status& transfer,
                                               const std::vector<std::string>& recipients, bool whole_message_sent) {
  const SmtpExchange* mail = nullptr;
  const SmtpExchange* data = nullptr;
  const SmtpExchange* end = nullptr;
  std::vector<const SmtpExchange*> rcpts;
  for (const SmtpExchange& e : exchanges) {
    if (StartsWithIgnoreCase(e.command, "MAIL FROM:")) mail = &e;
    else if (StartsWithIgnoreCase(e.command, "RCPT TO:")) rcpts.push_back(&e);
    else if (e.command == "DATA") data = &e;
    else if (e.command == ".") end = &e;
  }

  const auto by_recipient = [&] {
    SmtpSendResult result;
    for (size_t i = 0; i < recipients.size(); ++i) {
      if (i < rcpts.size() && rcpts[i]->code / 100 == 2) result.accepted.push_back(recipients[i]);
      else result.rejected.emplace_back(recipients[i], i < rcpts.size() ? rcpts[i]->reply : "no reply");
    }
    return result;
  };

  /// The one success: 250 to the end of data. From then on the message is the server's, so a later
  /// hiccup must not be reported as a failure (the caller would send it again).
  if (end && end->code == 250 && data && data->code == 354) {
    SmtpSendResult result = by_recipient();
    if (!result.accepted.empty()) return result;
    return Status::Internal("the server accepted the message but no recipient");
  }

  if (!mail || mail->code == 0) {
    if (!transfer.ok()) return transfer;
    return Status::Internal("the server ended the session before the message was sent");
  }
  if (mail->code / 100 != 2) return ReplyError("the server refused the sender", *mail);

  bool any_accepted = false, all_answered = !rcpts.empty();
  for (const SmtpExchange* r : rcpts) {
    any_accepted = any_accepted || r->code / 100 == 2;
    all_answered = all_answered && r->code != 0;
  }
  if (!any_accepted && all_answered && rcpts.size() == recipients.size())
    return Status::InvalidArgument("every recipient was refused: " + rcpts.back()->reply);

  if (data && data->code != 0 && data->code != 354) return ReplyError("the server refused the message", *data);
  if (end && end->code != 0) return ReplyError("the server refused the message", *end);

  if (data && data->code == 354) {
    const std::string why = transfer.ok() ? "the server gave no reply" : transfer.message();
    /// Part of the data never left: without the final CRLF.CRLF the server discards what it got.
    if (!whole_message_sent)
      return Status::Unavailable(
          "the connection failed while the message was being sent, before the server had all "
          "of it: " +
          why);
    /// Everything went out but no verdict came back: the server may have queued it.
    SmtpSendResult result = by_recipient();
    result.delivery = SmtpDelivery::kUnknown;
    result.unknown_reason = why;
    return result;
  }
  if (!transfer.ok()) return transfer;
  return Status::Internal("the server ended the session before the message was sent");
}

StatusOr<SmtpSendResult> SendMail(const MailAccount& account, const MailConnectOptions& options,
                                  const std::string& from, const std::vector<std::string>& recipients,
                                  const std::string& message) {
  if (account.smtp_username.empty()) return Status::InvalidArgument("the SMTP username is empty");
  if (Status s = CheckAddress(from, "sender"); !s.ok()) return s;
  if (recipients.empty()) return Status::InvalidArgument("there is no recipient");
  std::unique_ptr<curl_slist, SlistFree> rcpt_list;
  for (const std::string& r : recipients) {
    if (Status s = CheckAddress(r, "recipient"); !s.ok()) return s;
    curl_slist* grown = curl_slist_append(rcpt_list.get(), r.c_str());
    if (!grown) return Status::Internal("out of memory");
    rcpt_list.release();
    rcpt_list.reset(grown);
  }
  if (Status s = CheckMessage(message); !s.ok()) return s;

  CurlMailHandle smtp(SmtpEndpoint(account), options, /*max_response_bytes=*/1 << 20);
  CURL* curl = smtp.raw_handle();
  if (!curl) return smtp.PerformConfigured();  // the setup error

  Transfer transfer;
  transfer.message = &message;
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(curl, option, value);
  };
  set(CURLOPT_MAIL_FROM, from.c_str());
  set(CURLOPT_MAIL_RCPT, rcpt_list.get());
  /// Without it curl gives up at the first refused RCPT; with it curl goes on and fails only when
  /// every recipient was refused, and the debug stream says which ones were.
  set(CURLOPT_MAIL_RCPT_ALLOWFAILS, 1L);
  set(CURLOPT_UPLOAD, 1L);
  set(CURLOPT_READFUNCTION, &OnRead);
  set(CURLOPT_READDATA, static_cast<void*>(&transfer));
  /// Lets curl announce SIZE= in MAIL FROM, so an oversized message is refused before it is sent.
  set(CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  set(CURLOPT_DEBUGFUNCTION, &OnDebug);
  set(CURLOPT_DEBUGDATA, static_cast<void*>(&transfer));
  set(CURLOPT_VERBOSE, 1L);  // curl calls the debug callback only in verbose mode
  if (rc != CURLE_OK) return Status::Internal(std::string("could not configure curl: ") + curl_easy_strerror(rc));

  const Status status = smtp.PerformConfigured();
  if (transfer.no_auth) {
    const MailEndpoint& e = smtp.endpoint();
    return Status::Unavailable("the SMTP server " + e.host + ":" + std::to_string(e.port) +
                               " does not offer authentication (AUTH), which sending mail requires");
  }
  return InterpretSmtpDialogue(transfer.dialogue.exchanges(), status, recipients, transfer.offset == message.size());
}

}  // namespace mail_mcp
