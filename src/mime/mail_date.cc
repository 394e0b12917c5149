#include "mime/mail_date.h"

#include "util/ascii.h"
#include "util/calendar.h"

#include <cctype>
#include <cstring>
#include <vector>

namespace mail_mcp {
namespace {

/// 1..12 from the first three letters ("Jan", "january"); -1 when unknown.
int MonthIndex(std::string_view m) {
  int month = m.size() < 3 ? 0 : MonthFromAbbrev(m.substr(0, 3));
  return month ? month : -1;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

/// Minutes east of UTC for "+0100", "-0700", "GMT", "EST"…; nullopt when unknown.
std::optional<int> ZoneOffset(std::string_view z) {
  if (z.size() == 5 && (z[0] == '+' || z[0] == '-') && AllDigits(z.substr(1))) {
    int hh = ToInt(z.substr(1, 2)), mm = ToInt(z.substr(3, 2));
    if (hh > 23 || mm > 59) return std::nullopt;
    return (z[0] == '-' ? -1 : 1) * (hh * 60 + mm);
  }
  const std::string u = ToUpperAscii(z);
  struct Named {
    const char* name;
    int minutes;
  };
  static const Named kZones[] = {{"UT", 0},     {"UTC", 0},    {"GMT", 0},    {"Z", 0},
                                 {"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
                                 {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420}};
  for (const auto& n : kZones)
    if (u == n.name) return n.minutes;
  return std::nullopt;
}

std::string Digits(int v, int width) {
  std::string out(size_t(width), '0');
  for (int i = width - 1; i >= 0 && v > 0; --i, v /= 10) out[size_t(i)] = char('0' + v % 10);
  return out;
}

/// Values are already range-checked by the caller.
std::string Format(int y, int mo, int d, int h, int mi, int s, int offset) {
  int a = offset < 0 ? -offset : offset;
  return Digits(y, 4) + "-" + Digits(mo, 2) + "-" + Digits(d, 2) + "T" + Digits(h, 2) + ":" + Digits(mi, 2) + ":" +
         Digits(s, 2) + (offset < 0 ? "-" : "+") + Digits(a / 60, 2) + ":" + Digits(a % 60, 2);
}

bool ValidDate(int y, int mo, int d) { return y >= 1900 && y <= 9999 && d >= 1 && d <= DaysInMonth(y, mo); }

/// Splits on whitespace and commas, dropping comments "(…)".
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size() && out.size() < 16) {
    char c = s[i];
    if (c == '(') {
      int depth = 0;
      for (; i < s.size(); ++i) {
        if (s[i] == '(') ++depth;
        else if (s[i] == ')' && --depth == 0) break;
      }
      ++i;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != ',' && s[j] != '(') ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::optional<std::string> FromParts(std::string_view day, std::string_view month, std::string_view year,
                                     std::string_view time, std::string_view zone) {
  if (!AllDigits(day) || day.size() > 2 || !AllDigits(year) || year.size() > 4) return std::nullopt;
  int d = ToInt(day), mo = MonthIndex(month), y = ToInt(year);
  if (year.size() == 2) y += y < 50 ? 2000 : 1900;  // RFC 5322 §4.3
  else if (year.size() == 3) y += 1900;
  int h = 0, mi = 0, s = 0;
  size_t c1 = time.find(':');
  if (c1 == std::string_view::npos) return std::nullopt;
  size_t c2 = time.find(':', c1 + 1);
  std::string_view hs = time.substr(0, c1);
  std::string_view ms = time.substr(c1 + 1, c2 == std::string_view::npos ? std::string_view::npos : c2 - c1 - 1);
  std::string_view ss = c2 == std::string_view::npos ? "0" : time.substr(c2 + 1);
  if (!AllDigits(hs) || !AllDigits(ms) || !AllDigits(ss) || hs.size() > 2 || ms.size() != 2 || ss.size() > 2)
    return std::nullopt;
  h = ToInt(hs), mi = ToInt(ms), s = ToInt(ss);
  if (mo < 0 || !ValidDate(y, mo, d) || h > 23 || mi > 59 || s > 60) return std::nullopt;
  int offset = 0;
  if (!zone.empty()) {
    auto z = ZoneOffset(zone);
    if (z) offset = *z;  // unknown zones are treated as UTC ("-0000" semantics)
  }
  return Format(y, mo, d, h, mi, s == 60 ? 59 : s, offset);
}

}  // namespace

std::optional<std::string> Rfc5322DateToIso(std::string_view date) {
  if (date.size() > 200) return std::nullopt;
  auto w = Words(date);
  size_t i = 0;
  if (i < w.size() && !w[i].empty() && IsAsciiAlpha(w[i][0])) ++i;  // weekday
  if (w.size() < i + 4) return std::nullopt;
  return FromParts(w[i], w[i + 1], w[i + 2], w[i + 3], w.size() > i + 4 ? w[i + 4] : "");
}

std::optional<std::string> InternalDateToIso(std::string_view d) {
  // "17-Jul-1996 02:44:25 -0700" (the day may be space-padded: " 7-Jul-1996")
  while (!d.empty() && d.front() == ' ') d.remove_prefix(1);
  size_t dash1 = d.find('-'), dash2 = d.find('-', dash1 + 1), space = d.find(' ');
  if (dash1 == std::string_view::npos || dash2 == std::string_view::npos || space == std::string_view::npos ||
      space < dash2)
    return std::nullopt;
  auto rest = Words(d.substr(space));
  if (rest.size() < 2) return std::nullopt;
  return FromParts(d.substr(0, dash1), d.substr(dash1 + 1, dash2 - dash1 - 1), d.substr(dash2 + 1, space - dash2 - 1),
                   rest[0], rest[1]);
}

std::string UnixTimeToIso(int64_t unix_seconds) {
  const time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  return Format(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 0);
}

}  // namespace mail_mcp
