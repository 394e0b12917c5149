// IMAP SEARCH criteria from an AI assistant's query string and structured filters.
//
// The search_mail_messages tool takes a raw IMAP SEARCH query (`UNSEEN`, `OR FROM a FROM b`,
// `SUBJECT "two words" SINCE 2025-01-01`) plus optional structured fields (from, since, unseen, ...)
// and ANDs them together. The query is hostile input, so it is tokenized here and validated
// against the RFC 3501 §6.4.4 search-key grammar (plus OLDER/YOUNGER from RFC 5032); anything
// else is refused with an error naming the problem and its position. The result is a list of
// typed tokens, never a command string: keywords, numbers, sequence sets and dates are atoms that
// were checked character by character, and user text is a kString that the command builder
// quotes or sends as a literal. Nothing from the query reaches the wire unvalidated: control
// characters (CR, LF, NUL, ...), `{n}` literal syntax and CHARSET are refused, and sizes are
// bounded (200 tokens, 1000-byte strings, 16 levels of parentheses, 8 KiB of query).
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

struct SearchToken {
  enum class Kind {
    /// A search keyword (upper-cased, e.g. "SINCE"), a number, a sequence set ("1:5,9"), an IMAP
    /// date ("01-Jan-2025"), a flag keyword atom (case kept, e.g. "$Forwarded"), "(" or ")".
    /// Safe to send as is.
    kAtom,
    /// User text (UTF-8 allowed, already unescaped) that the command builder must quote or send
    /// as a literal. Never contains CR, LF, NUL or other control characters.
    kString,
  };
  Kind kind;
  std::string text;
};

/// Structured search fields of the tool; each one present is ANDed with the query. Empty strings
/// count as absent, since assistants often pass "" for "no filter".
struct SearchFilters {
  std::optional<std::string> from, to, subject, text;
  /// Dates in any form ToImapDate accepts.
  std::optional<std::string> since, before;
  /// true -> UNSEEN, false -> SEEN.
  std::optional<bool> unseen;
  /// true -> FLAGGED, false -> UNFLAGGED.
  std::optional<bool> flagged;
};

/// Tokenizes and validates a raw IMAP SEARCH query. Keywords are case-insensitive and come back
/// upper-cased; dates (DD-Mon-YYYY or YYYY-MM-DD) come back as DD-Mon-YYYY. A blank query is
/// {ALL}. InvalidArgument errors start with "query: " and give a 1-based character position.
StatusOr<std::vector<SearchToken>> ParseSearchQuery(std::string_view query);

/// The AND of the query (parenthesized when filters are present, so `OR a b` stays grouped) and
/// the filters, in the order from, to, subject, text, since, before, unseen, flagged. {ALL} when
/// there is neither. Filter errors start with the field name, e.g. "since: ...".
StatusOr<std::vector<SearchToken>> BuildSearchCriteria(std::string_view query, const SearchFilters& filters);

/// True when a kString token holds non-ASCII text, i.e. the command needs CHARSET UTF-8.
bool NeedsUtf8Charset(const std::vector<SearchToken>& tokens);

/// True when the criteria use OLDER or YOUNGER, which servers only accept when they advertise
/// the WITHIN capability (RFC 5032); callers can give a clear error instead of the server's BAD.
bool NeedsWithinExtension(const std::vector<SearchToken>& tokens);

/// An IMAP date ("01-Jan-2025") from YYYY-MM-DD, DD-Mon-YYYY (any case, 1- or 2-digit day) or an
/// ISO 8601 date-time (only its date part is used; the time part must still be well formed).
/// InvalidArgument for anything else or a date that is not on the calendar (31-Feb-2025).
StatusOr<std::string> ToImapDate(std::string_view text);

}  // namespace mail_mcp
