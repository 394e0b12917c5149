// A tokenizer for IMAP server responses (RFC 3501 §7, §9 syntax), shared by every command parser.
//
// An ImapResponse is one server response: untagged ("* ..."), tagged ("A001 OK ...") or a
// continuation request ("+ ..."). Its data becomes a tree of ImapValue: atoms (which include numbers,
// flags such as \Seen, and FETCH items such as BODY[HEADER.FIELDS (FROM)]<0>), strings (quoted or
// literal, binary-safe), NIL, and parenthesized lists. Status responses (OK, NO, BAD, BYE, PREAUTH)
// and continuations keep their free-form resp-text as a string, since it need not tokenize.
//
// Literals ({n} or ~{n}, then CRLF, then n bytes) are why responses cannot simply be split at CRLF:
// a literal may contain CRLF, parentheses or quotes. ParseImapResponse finds where a response really
// ends. Input is untrusted: nesting depth and the number of values are bounded, a literal longer
// than the remaining input is an error, and anything malformed or truncated is a Status, never a
// crash or an unbounded allocation.
//
// ImapResponseReader cuts a byte stream that arrives in arbitrary pieces into responses, finding
// the end of each (skipping literal bytes) in time linear in the input.
//
// Thread-safety: plain values and pure functions; a reader is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

struct ImapValue {
  enum class Kind { kAtom, kString, kNil, kList };

  Kind kind = Kind::kAtom;
  std::string text;              // the atom, or the bytes of a quoted string or literal
  std::vector<ImapValue> items;  // kList only

  bool is_list() const { return kind == Kind::kList; }
  /// An atom equal to `name`, ignoring ASCII case (IMAP keywords and flags are case-insensitive).
  bool IsAtom(std::string_view name) const;
  /// An atom or a string: what IMAP calls an astring (mailbox names, for example).
  bool is_astring() const { return kind == Kind::kAtom || kind == Kind::kString; }
};

struct ImapResponse {
  enum class Kind { kUntagged, kTagged, kContinuation };

  Kind kind = Kind::kUntagged;
  std::string tag;  // tagged responses only
  /// The tokens after "*" or the tag. For a status response this is just the status atom (OK, NO,
  /// BAD, BYE, PREAUTH); for "* 3 EXISTS" it is {3, EXISTS}; for "* LIST (...) "/" x" it is
  /// {LIST, (...), "/", x}. Empty for continuations.
  std::vector<ImapValue> values;
  /// Status responses and continuations: the rest of the line, e.g. "[TRYCREATE] No such mailbox".
  std::string text;

  /// Status responses: the name ("OK", "NO"...) upper-cased; "" otherwise.
  std::string status() const;
  /// Untagged responses: the response name, skipping a leading number ("LIST", "EXISTS", "FETCH").
  std::string name() const;
};

struct ImapParseLimits {
  size_t max_depth = 64;         // nested parentheses
  size_t max_values = 1u << 20;  // ImapValues in one response (bounds memory: ~64 bytes each)
};

/// Parses the one response at the start of `input`. Returns how many bytes it spans, through the
/// line end that closes it (CRLF; a bare LF is tolerated). InvalidArgument when `input` does not
/// start with a complete, well-formed response; ResourceExhausted past `limits`.
StatusOr<size_t> ParseImapResponse(std::string_view input, ImapResponse* response, const ImapParseLimits& limits = {});

/// Parses `input` as a sequence of complete responses (nothing may be left over).
StatusOr<std::vector<ImapResponse>> ParseImapResponses(std::string_view input, const ImapParseLimits& limits = {});

/// An atom made of 1 to 19 digits (RFC 3501 number/number64), as a value; nullopt otherwise.
std::optional<uint64_t> ImapNumber(const ImapValue& value);

/// The response code at the start of a status response's text, tokenized: "[UIDNEXT 42] x" gives
/// {UIDNEXT, 42}; "[PERMANENTFLAGS (\Seen \*)]" gives {PERMANENTFLAGS, (...)}. Empty when there is
/// no code or it does not tokenize.
std::vector<ImapValue> ImapResponseCode(std::string_view text);

/// Turns a byte stream into responses. Append bytes as they arrive, then call Next until it says
/// it needs more. Only the first line of a status response or continuation is free text; any
/// other line that ends in "{n}" announces n literal bytes, which are skipped unexamined.
class ImapResponseReader {
 public:
  explicit ImapResponseReader(ImapParseLimits limits = {}) : limits_(limits) {}

  void Append(std::string_view bytes) { buffer_.append(bytes.data(), bytes.size()); }
  /// True with *response set when a whole response was buffered; false when more bytes are
  /// needed. An error (malformed response) leaves the reader unusable: the stream is out of step.
  StatusOr<bool> Next(ImapResponse* response);
  /// Bytes received but not yet returned as responses.
  size_t buffered() const { return buffer_.size() - start_; }
  /// Gives the buffer's memory back when nothing is buffered (after a large response, before the
  /// reader sits idle in a pooled session).
  void ReleaseMemory();

 private:
  ImapParseLimits limits_;
  std::string buffer_;
  size_t start_ = 0;        // where the next response begins
  size_t scan_ = 0;         // where the search for its end continues (may lie past the buffer)
  size_t line_start_ = 0;   // where the line being scanned starts (or the text after a literal)
  bool first_line_ = true;  // no line end of this response seen yet
};

}  // namespace mail_mcp
