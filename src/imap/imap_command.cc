#include "imap/imap_command.h"

#include <utility>

#include "imap/imap_quote.h"

namespace mail_mcp {
namespace {

/// Quoted strings longer than this go out as literals: servers limit line lengths (Dovecot
/// 64 KiB), never literal sizes of this order.
constexpr size_t kMaxQuoted = 1024;
/// RFC 7888 LITERAL-: non-synchronizing literals only up to this size.
constexpr size_t kLiteralMinusMax = 4096;

/// RFC 3501 ATOM-CHAR: any CHAR except atom-specials "(" ")" "{" SP CTL "%" "*" '"' "\" "]".
bool IsAtomChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;
  switch (c) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case ']':
      return false;
    default:
      return true;
  }
}

}  // namespace

ImapCommand::ImapCommand(std::string_view name) : name_(name) {
  bool word_start = true;
  for (char c : name) {
    if (c == ' ' && !word_start) {
      word_start = true;
      continue;
    }
    if (!IsAtomChar(c)) {
      Fail("invalid IMAP command name");
      break;
    }
    word_start = false;
  }
  if (name.empty() || word_start) Fail("invalid IMAP command name");
  parts_.push_back({Part::Kind::kText, std::string(name)});
}

void ImapCommand::Fail(std::string message) {
  if (status_.ok()) status_ = Status::InvalidArgument(std::move(message));
}

void ImapCommand::AppendText(std::string_view text, bool is_open, bool is_close) {
  if (!status_.ok()) return;
  std::string token;
  if (!after_open_ && !is_close) token += ' ';
  token += text;
  if (!parts_.empty() && parts_.back().kind == Part::Kind::kText) parts_.back().bytes += token;
  else parts_.push_back({Part::Kind::kText, std::move(token)});
  after_open_ = is_open;
}

ImapCommand& ImapCommand::Atom(std::string_view atom) {
  if (atom == "(") {
    ++depth_;
    AppendText(atom, true, false);
    return *this;
  }
  if (atom == ")") {
    if (depth_ == 0) {
      Fail("unbalanced ')' in IMAP command");
      return *this;
    }
    --depth_;
    AppendText(atom, false, true);
    return *this;
  }
  std::string_view rest = atom;
  if (!rest.empty() && rest[0] == '\\') rest.remove_prefix(1);  // a system flag: \Seen
  bool ok = !rest.empty();
  for (char c : rest) ok = ok && (IsAtomChar(c) || c == '*');
  if (!ok) {
    Fail("invalid IMAP atom");
    return *this;
  }
  AppendText(atom, false, false);
  return *this;
}

ImapCommand& ImapCommand::Number(uint64_t n) {
  AppendText(std::to_string(n), false, false);
  return *this;
}

ImapCommand& ImapCommand::String(std::string_view bytes) {
  if (!status_.ok()) return *this;
  for (char c : bytes) {
    if (c == '\r' || c == '\n' || c == '\0') {
      Fail("a string argument contains CR, LF or NUL");
      return *this;
    }
  }
  std::optional<std::string> quoted;
  if (bytes.size() <= kMaxQuoted) {
    bool printable = true;
    for (char c : bytes)
      printable = printable && static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
    if (printable) quoted = QuoteImapString(bytes);
  }
  if (quoted) {
    AppendText("", false, false);  // the separator
    parts_.push_back({Part::Kind::kQuoted, std::move(*quoted)});
  } else {
    AppendText("", false, false);
    parts_.push_back({Part::Kind::kLiteral, std::string(bytes)});
  }
  after_open_ = false;
  return *this;
}

ImapCommand& ImapCommand::Literal(std::string_view bytes) {
  if (!status_.ok()) return *this;
  if (bytes.find('\0') != std::string_view::npos) {
    Fail("a literal contains NUL");
    return *this;
  }
  AppendText("", false, false);
  parts_.push_back({Part::Kind::kLiteral, std::string(bytes)});
  after_open_ = false;
  return *this;
}

ImapCommand& ImapCommand::Mailbox(std::string_view utf8_name) {
  if (!status_.ok()) return *this;
  std::optional<std::string> quoted = MailboxArgument(utf8_name);
  if (!quoted) {
    Fail("invalid mailbox name");
    return *this;
  }
  AppendText("", false, false);
  parts_.push_back({Part::Kind::kQuoted, std::move(*quoted)});
  after_open_ = false;
  return *this;
}

ImapCommand& ImapCommand::Raw(std::string_view text) {
  if (!status_.ok()) return *this;
  int depth = 0;
  bool ok = !text.empty();
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '{' || c == '"') ok = false;
    else if (c == '(') ++depth;
    else if (c == ')' && --depth < 0) ok = false;
  }
  if (!ok || depth != 0) {
    Fail("invalid raw IMAP text");
    return *this;
  }
  AppendText(text, false, false);
  return *this;
}

Status ImapCommand::status() const {
  if (!status_.ok()) return status_;
  if (depth_ != 0) return Status::InvalidArgument("unbalanced '(' in IMAP command");
  return Status::OK();
}

std::vector<std::string> ImapCommand::Segments(std::string_view tag, LiteralSupport support) const {
  std::vector<std::string> out;
  if (!status().ok()) return out;
  std::string current(tag);
  current += ' ';
  for (const Part& part : parts_) {
    if (part.kind != Part::Kind::kLiteral) {
      current += part.bytes;
      continue;
    }
    const bool non_sync = support == LiteralSupport::kLiteralPlus ||
                          (support == LiteralSupport::kLiteralMinus && part.bytes.size() <= kLiteralMinusMax);
    current += '{';
    current += std::to_string(part.bytes.size());
    current += non_sync ? "+}\r\n" : "}\r\n";
    if (!non_sync) out.push_back(std::exchange(current, std::string()));
    current += part.bytes;
  }
  current += "\r\n";
  out.push_back(std::move(current));
  return out;
}

std::string ImapCommand::Redacted() const {
  std::string out;
  for (const Part& part : parts_) {
    if (part.kind == Part::Kind::kText) out += part.bytes;
    else if (part.kind == Part::Kind::kQuoted) out += "\"...\"";
    else out += "{" + std::to_string(part.bytes.size()) + "}";
  }
  return out;
}

}  // namespace mail_mcp
