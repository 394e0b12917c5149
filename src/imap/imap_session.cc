#include "imap/imap_session.h"

#include <utility>

#include "crypto/random.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

constexpr long kLogoutTimeoutMs = 2000;

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

/// A random tag prefix: a message body or a server cannot guess the tags of later commands.
/// From getrandom (crypto/random.h), not std::random_device: libc++ reads /dev/urandom for that,
/// and a FROM-scratch root has none (every IMAP login failed there).
std::string RandomTagPrefix() {
  static constexpr char kLetters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string prefix;
  for (unsigned char byte : RandomBytesOrDie(6)) prefix += kLetters[byte % 52];
  return prefix;
}

std::vector<std::string> FlagList(const ImapValue& list) {
  std::vector<std::string> out;
  for (const ImapValue& v : list.items)
    if (v.kind == ImapValue::Kind::kAtom) out.push_back(v.text);
  return out;
}

}  // namespace

ImapSession::ImapSession(const MailAccount& account, const MailConnectOptions& options, size_t max_response_bytes)
    : handle_(ImapEndpoint(account), options, max_response_bytes),
      options_(options),
      max_response_bytes_(max_response_bytes),
      tag_prefix_(RandomTagPrefix()) {}

ImapSession::~ImapSession() {
  if (!connected_) return;
  if (broken_.ok()) {
    /// Best effort: a server that does not answer within the short deadline is simply cut off.
    const std::string tag = NextTag();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kLogoutTimeoutMs);
    if (handle_.Send(tag + " LOGOUT\r\n", deadline).ok()) {
      ImapResult ignored;
      bool continuation = false;
      received_bytes_ = 0;
      // Ignored on purpose: the reply (BYE, then OK) or its absence changes nothing, the session ends.
      (void)ReadUntil(tag, false, deadline, &ignored, &continuation);
    }
  }
  /// curl would send its own LOGOUT on close and wait for the reply; the session is over.
  handle_.SetCloseTimeout(kLogoutTimeoutMs);
  handle_.Shutdown();
}

std::string ImapSession::NextTag() { return tag_prefix_ + std::to_string(++tag_counter_); }

Status ImapSession::Broken(Status why) {
  if (broken_.ok()) broken_ = Status::Unavailable("the connection to the IMAP server was lost: " + why.message());
  return why;
}

Status ImapSession::Connect() {
  if (connected_) return Status::OK();
  if (Status s = handle_.ConnectOnly(); !s.ok()) return s;
  connected_ = true;
  auto result = RunOk(ImapCommand("CAPABILITY"));
  if (!result.ok()) return result.status();
  capabilities_.clear();
  for (const ImapResponse& r : result->untagged) {
    if (r.values.empty() || !r.values[0].IsAtom("CAPABILITY")) continue;
    for (size_t i = 1; i < r.values.size(); ++i)
      if (r.values[i].kind == ImapValue::Kind::kAtom) capabilities_.push_back(r.values[i].text);
  }
  return Status::OK();
}

bool ImapSession::HasCapability(std::string_view name) const {
  for (const std::string& c : capabilities_)
    if (EqualsIgnoreCase(c, name)) return true;
  return false;
}

bool ImapSession::AbsorbSizeUpdate(const ImapResponse& r) {
  if (r.kind != ImapResponse::Kind::kUntagged || r.values.empty()) return false;
  if (r.values[0].IsAtom("VANISHED")) {
    if (selected_) selected_->expunged = true;
    return true;
  }
  if (r.values.size() != 2) return false;
  std::optional<uint64_t> n = ImapNumber(r.values[0]);
  if (!n) return false;
  const ImapValue& what = r.values[1];
  if (what.IsAtom("EXISTS")) {
    if (selected_) selected_->exists = static_cast<uint32_t>(*n);
  } else if (what.IsAtom("EXPUNGE")) {
    if (selected_) {
      if (selected_->exists > 0) --selected_->exists;
      selected_->expunged = true;
    }
  } else if (!what.IsAtom("RECENT")) {
    return false;
  }
  return true;
}

Status ImapSession::ReadUntil(std::string_view tag, bool until_continuation, CurlMailHandle::Deadline deadline,
                              ImapResult* result, bool* got_continuation) {
  char buffer[32 << 10];
  while (true) {
    ImapResponse r;
    auto next = reader_.Next(&r);
    if (!next.ok()) {
      if (next.status().code() == Status::Code::kResourceExhausted) return Broken(next.status());
      return Broken(Status::Unavailable("the IMAP server's response could not be parsed: " + next.status().message()));
    }
    if (*next) {
      switch (r.kind) {
        case ImapResponse::Kind::kContinuation:
          if (!until_continuation) return Broken(Status::Unavailable("the IMAP server asked for data it was not sent"));
          *got_continuation = true;
          return Status::OK();
        case ImapResponse::Kind::kTagged:
          if (r.tag != tag) return Broken(Status::Unavailable("the IMAP server answered a command that was not sent"));
          result->status = r.status();
          result->text = std::move(r.text);
          if (result->status != "OK" && result->status != "NO" && result->status != "BAD")
            return Broken(Status::Unavailable("the IMAP server sent an invalid reply"));
          return Status::OK();
        case ImapResponse::Kind::kUntagged:
          if (r.status() == "BYE")
            return Broken(Status::Unavailable("the IMAP server closed the session: " + Printable(r.text)));
          if (!AbsorbSizeUpdate(r)) result->untagged.push_back(std::move(r));
          continue;
      }
    }
    auto n = handle_.Receive(buffer, sizeof buffer, deadline);
    if (!n.ok()) return Broken(n.status());
    received_bytes_ += *n;
    if (received_bytes_ > max_response_bytes_) {
      return Broken(Status::ResourceExhausted("the response from the IMAP server is larger than " +
                                              std::to_string(max_response_bytes_ >> 20) + " MiB"));
    }
    reader_.Append(std::string_view(buffer, *n));
  }
}

StatusOr<ImapResult> ImapSession::Run(const ImapCommand& command) {
  if (Status s = command.status(); !s.ok()) return s;
  if (!connected_) return Status::Unavailable("not connected to the IMAP server");
  if (!broken_.ok()) return broken_;

  const LiteralSupport literals = literal_override_           ? *literal_override_
                                  : HasCapability("LITERAL+") ? LiteralSupport::kLiteralPlus
                                  : HasCapability("LITERAL-") ? LiteralSupport::kLiteralMinus
                                                              : LiteralSupport::kSynchronizing;
  const std::string tag = NextTag();
  const std::vector<std::string> segments = command.Segments(tag, literals);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.command_timeout_ms);
  received_bytes_ = 0;
  ImapResult result;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (Status s = handle_.Send(segments[i], deadline); !s.ok()) return Broken(s);
    if (i + 1 == segments.size()) break;
    bool continuation = false;
    if (Status s = ReadUntil(tag, true, deadline, &result, &continuation); !s.ok()) return s;
    if (!continuation) return result;  // the server refused the command before its literal
  }
  bool unused = false;
  if (Status s = ReadUntil(tag, false, deadline, &result, &unused); !s.ok()) return s;
  return result;
}

StatusOr<ImapResult> ImapSession::RunOk(const ImapCommand& command) {
  auto result = Run(command);
  if (!result.ok() || result->ok()) return result;
  std::string message = "the IMAP server refused " + command.name() + ": " + Printable(result->text);
  if (result->status == "NO") {
    std::vector<ImapValue> code = ImapResponseCode(result->text);
    /// Dovecot 2.3 answers SELECT of a missing mailbox without a code: "Mailbox doesn't exist: X".
    if ((!code.empty() && (code[0].IsAtom("NONEXISTENT") || code[0].IsAtom("TRYCREATE"))) ||
        StartsWithIgnoreCase(result->text, "Mailbox doesn't exist") ||
        StartsWithIgnoreCase(result->text, "Mailbox does not exist"))
      return Status::NotFound(message);
  }
  return Status::InvalidArgument(message);
}

StatusOr<MailboxState> ImapSession::Examine(std::string_view utf8_name) { return Open("EXAMINE", utf8_name); }
StatusOr<MailboxState> ImapSession::Select(std::string_view utf8_name) { return Open("SELECT", utf8_name); }

StatusOr<MailboxState> ImapSession::Open(std::string_view verb, std::string_view utf8_name) {
  /// RFC 3501: a failed SELECT leaves no mailbox selected, so forget the old one first.
  selected_.reset();
  ImapCommand command(verb);
  command.Mailbox(utf8_name);
  if (Status s = command.status(); !s.ok()) return s;
  selected_.emplace();
  selected_->name = std::string(utf8_name);
  selected_->read_only = verb == "EXAMINE";
  auto result = RunOk(command);
  if (!result.ok()) {
    selected_.reset();
    return result.status();
  }
  MailboxState& m = *selected_;
  for (const ImapResponse& r : result->untagged) {
    if (r.kind != ImapResponse::Kind::kUntagged || r.values.empty()) continue;
    if (r.values[0].IsAtom("FLAGS") && r.values.size() == 2 && r.values[1].is_list()) {
      m.flags = FlagList(r.values[1]);
      continue;
    }
    if (r.status() != "OK") continue;
    std::vector<ImapValue> code = ImapResponseCode(r.text);
    if (code.size() != 2) continue;
    std::optional<uint64_t> n = ImapNumber(code[1]);
    if (code[0].IsAtom("PERMANENTFLAGS") && code[1].is_list()) m.permanent_flags = FlagList(code[1]);
    else if (code[0].IsAtom("UIDVALIDITY") && n && *n <= UINT32_MAX) m.uidvalidity = static_cast<uint32_t>(*n);
    else if (code[0].IsAtom("UIDNEXT") && n && *n <= UINT32_MAX) m.uidnext = static_cast<uint32_t>(*n);
    else if (code[0].IsAtom("HIGHESTMODSEQ") && n) m.highestmodseq = *n;
  }
  std::vector<ImapValue> code = ImapResponseCode(result->text);
  if (!code.empty() && code[0].IsAtom("READ-ONLY")) m.read_only = true;
  if (!code.empty() && code[0].IsAtom("READ-WRITE")) m.read_only = false;
  return m;
}

}  // namespace mail_mcp
