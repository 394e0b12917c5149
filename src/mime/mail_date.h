// Dates in mail, turned into ISO 8601 for the tools' output.
//
// Date: headers (RFC 5322 §3.3, with the obsolete forms real mail still uses: two-digit years,
// named zones like "EST" or "GMT", missing seconds or weekday) and IMAP INTERNALDATE
// ("17-Jul-1996 02:44:25 -0700"). Output keeps the sender's offset: "2025-01-06T10:00:00+01:00".
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace mail_mcp {

std::optional<std::string> Rfc5322DateToIso(std::string_view date);
std::optional<std::string> InternalDateToIso(std::string_view internaldate);
/// Unix seconds as ISO 8601 in UTC: "2026-12-04T10:00:00+00:00".
std::string UnixTimeToIso(int64_t unix_seconds);

}  // namespace mail_mcp
