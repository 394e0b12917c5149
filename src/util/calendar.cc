#include "util/calendar.h"

#include "util/ascii.h"

namespace mail_mcp {
namespace {
constexpr const char* kMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}  // namespace

const char* MonthAbbrev(int month) { return month >= 1 && month <= 12 ? kMonths[month - 1] : ""; }

int MonthFromAbbrev(std::string_view abbrev) {
  for (int m = 0; m < 12; ++m)
    if (EqualsIgnoreCase(abbrev, kMonths[m])) return m + 1;
  return 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace mail_mcp
