// Month names and the Gregorian calendar, shared by everything that reads or writes mail dates
// (RFC 5322 Date:, IMAP INTERNALDATE and SEARCH dates).
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace mail_mcp {

/// "Jan".."Dec" for 1..12; "" outside that range.
const char* MonthAbbrev(int month);
/// 1..12 for a three-letter English month abbreviation in any case ("jan", "JAN"); 0 otherwise.
int MonthFromAbbrev(std::string_view abbrev);
/// Days in `month` (1..12) of `year`, leap years included; 0 for an invalid month.
int DaysInMonth(int year, int month);

}  // namespace mail_mcp
