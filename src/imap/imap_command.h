// ImapCommand: builds one IMAP command from typed arguments, so no caller ever splices text.
//
// Each argument goes through a method that knows its syntax: Atom (keywords, flags, sequence sets,
// dates, and the list delimiters "(" / ")"), Number, String (user data: quoted when it can be,
// otherwise a literal), Mailbox (UTF-8 name, sent as modified UTF-7) and Raw (fixed text mail_mcp
// itself writes, such as a FETCH item list). Anything that would change the command's structure
// (CR, LF, NUL in a string, a space or quote in an atom, unbalanced parentheses) records an
// InvalidArgument; the first one wins and a command whose status() is not OK is never sent.
//
// The wire form is a list of segments. Strings that need a literal are sent as "{n}" and the client
// must wait for the server's "+" continuation before sending the bytes (a synchronizing literal),
// unless the server announced LITERAL+ (any size) or LITERAL- (up to 4096 bytes), RFC 7888, in
// which case "{n+}" lets everything go out at once. Segments() cuts the command after each
// synchronizing literal announcement; ImapSession sends them one continuation at a time.
//
// Thread-safety: a plain value; build on one thread, then read from any.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

/// Which literal forms the server accepts (from its CAPABILITY).
enum class LiteralSupport { kSynchronizing, kLiteralMinus, kLiteralPlus };

class ImapCommand {
 public:
  /// `name` is one or more atoms separated by single spaces, e.g. "UID FETCH".
  explicit ImapCommand(std::string_view name);

  /// An IMAP atom: letters, digits and "!#$&'+,-./:;<=>?@[^_`|}~" plus "*" (sequence sets like
  /// 1:*), optionally led by "\" (system flags like \Seen). "(" and ")" alone open and close a list.
  ImapCommand& Atom(std::string_view atom);
  ImapCommand& Number(uint64_t n);
  /// Arbitrary bytes except CR, LF and NUL: a quoted string when they are short printable ASCII,
  /// else a literal (8-bit text, e.g. a UTF-8 search string; the caller names the CHARSET).
  ImapCommand& String(std::string_view bytes);
  /// Message data for APPEND: always sent as a literal, CR and LF allowed (that is what a literal is
  /// for); NUL is refused (it would need RFC 3516 literal8).
  ImapCommand& Literal(std::string_view bytes);
  /// A UTF-8 mailbox name, encoded as modified UTF-7 and quoted; any case of INBOX becomes INBOX.
  /// An empty name, invalid UTF-8 or U+0000 is refused.
  ImapCommand& Mailbox(std::string_view utf8_name);
  /// Text written by mail_mcp itself (never user input): printable ASCII without "{" or '"', with
  /// balanced parentheses, e.g. "(UID FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)])".
  ImapCommand& Raw(std::string_view text);

  /// OK, or the first invalid argument; also not OK while a "(" is still open.
  Status status() const;
  /// The command name as given (for error messages and logs; holds no argument).
  const std::string& name() const { return name_; }

  /// The bytes to send after `tag`, cut after each "{n}\r\n" that needs a continuation; the last
  /// segment ends with CRLF. Empty when status() is not OK.
  std::vector<std::string> Segments(std::string_view tag, LiteralSupport support) const;

  /// The command for logs: user data (strings, mailbox names, literals) shown as "..." / "{n}".
  std::string Redacted() const;

  /// At most this many bytes of response are read for this command (ResourceExhausted past it),
  /// below the session's own limit: what the caller needs (a page of summaries, a text part cut to
  /// 8 MiB, one attachment), so that a server sending more costs no more memory than that.
  ImapCommand& MaxResponseBytes(size_t bytes) {
    max_response_bytes_ = bytes;
    return *this;
  }
  /// 0: the session's limit.
  size_t max_response_bytes() const { return max_response_bytes_; }

 private:
  struct Part {
    enum class Kind { kText, kQuoted, kLiteral } kind;  // kText includes separators
    std::string bytes;
  };

  void Fail(std::string message);
  void AppendText(std::string_view text, bool is_open, bool is_close);

  std::string name_;
  std::vector<Part> parts_;
  Status status_;
  int depth_ = 0;
  bool after_open_ = false;  // the previous token was "(": no space before the next one
  size_t max_response_bytes_ = 0;
};

}  // namespace mail_mcp
