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
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstddef>
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
  size_t max_depth = 64;          // nested parentheses
  size_t max_values = 1u << 20;   // ImapValues in one response (bounds memory: ~64 bytes each)
};

/// Parses the one response at the start of `input`. Returns how many bytes it spans, through the
/// line end that closes it (CRLF; a bare LF is tolerated). InvalidArgument when `input` does not
/// start with a complete, well-formed response; ResourceExhausted past `limits`.
StatusOr<size_t> ParseImapResponse(std::string_view input, ImapResponse* response,
                                   const ImapParseLimits& limits = {});

/// Parses `input` as a sequence of complete responses (nothing may be left over).
StatusOr<std::vector<ImapResponse>> ParseImapResponses(std::string_view input,
                                                       const ImapParseLimits& limits = {});

}  // namespace mail_mcp
