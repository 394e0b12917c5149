// Reply threading: the Subject, In-Reply-To and References of a reply (RFC 5322 §3.6.4).
//
// Clients thread by References first and by subject as a fallback, so a reply carries the
// original's References plus its Message-ID, and a subject with exactly one "Re: ". Long threads
// would grow References without bound; like most mailers we keep the first id (the thread root)
// and the most recent ones.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

/// Most ids BuildReferences keeps: the root plus the latest kMaxReferences - 1.
constexpr size_t kMaxReferences = 21;
/// Longest message id accepted, angle brackets included.
constexpr size_t kMaxMessageIdBytes = 250;

/// OK when `id` is one "<...>" message id of printable ASCII without spaces or inner brackets.
Status ValidateMessageId(std::string_view id, std::string_view field);

/// The "<...>" ids in a raw In-Reply-To/References value (folded, with comments or junk between
/// them); ids that fail ValidateMessageId are skipped.
std::vector<std::string> ExtractMessageIds(std::string_view raw);

/// "Re: " + subject, unless the subject already starts with "Re:" in any case (after leading
/// blanks). Line breaks and tabs become spaces, so the result is a valid header value.
std::string ReplySubject(std::string_view original_subject);

/// The References of a reply: the original's References then its Message-ID, space-separated,
/// duplicates dropped, and cut to the first id plus the last kMaxReferences - 1.
std::string BuildReferences(std::string_view original_references, std::string_view original_message_id);

}  // namespace mail_mcp
