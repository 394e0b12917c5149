#include "mime/mail_date.h"

#include "util/ascii.h"
#include "util/calendar.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace mail_mcp {
namespace {

/// 1..12 for an English month name or its first three letters ("Jan", "january"); -1 otherwise.
int MonthIndex(std::string_view m) {
  static const char* const kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december"};
  const int month = m.size() < 3 ? 0 : MonthFromAbbrev(m.substr(0, 3));
  if (month == 0) return -1;
  const std::string_view full = kNames[month - 1];
  return m.size() <= full.size() && EqualsIgnoreCase(m, full.substr(0, m.size())) ? month : -1;
}

bool IsWeekday(std::string_view w) {
  static const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (const char* d : kDays)
    if (w.size() >= 3 && EqualsIgnoreCase(w.substr(0, 3), d)) return true;
  return false;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

/// Minutes east of UTC for "+0100", "-0700" and the zone names RFC 5322 §4.3 (obs-zone) allows:
/// UT, GMT, the US zones and the military letters. The military letters, like an unknown name,
/// mean "no zone information" (RFC 5322 says so: their signs were defined backwards), which is
/// UTC ("-0000"). "+01:00", which some software writes, is read as the offset it plainly is: taking
/// it as unknown would move the instant. nullopt when `z` is not a zone at all.
std::optional<int> ZoneOffset(std::string_view z) {
  std::string numeric(z);
  if (numeric.size() == 6 && numeric[3] == ':') numeric.erase(3, 1);
  if (numeric.size() == 5 && (numeric[0] == '+' || numeric[0] == '-') && AllDigits(numeric.substr(1))) {
    z = numeric;
    const int hh = ToInt(z.substr(1, 2)), mm = ToInt(z.substr(3, 2));
    if (hh > 23 || mm > 59) return 0;  // syntactically a zone, but no real one: unknown
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
  if (u.size() == 1 && IsAsciiAlpha(u[0]) && u[0] != 'J') return 0;  // military
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

/// `s` without comments (CFWS may hold "(...)" anywhere, nested) and without blanks next to a
/// ':' (obs-time allows "10 : 00"), so that a time is one word.
std::string Normalize(std::string_view s) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' && depth > 0) {
      ++i;  // quoted-pair inside a comment
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      --depth;
      out.push_back(' ');  // a comment separates words like a blank
    } else if (depth == 0) {
      out.push_back(c);
    }
  }
  std::string joined;
  for (size_t i = 0; i < out.size(); ++i) {
    const bool blank = out[i] == ' ' || out[i] == '\t' || out[i] == '\r' || out[i] == '\n';
    if (blank) {
      size_t j = i;
      while (j < out.size() && (out[j] == ' ' || out[j] == '\t' || out[j] == '\r' || out[j] == '\n')) ++j;
      if ((!joined.empty() && joined.back() == ':') || (j < out.size() && out[j] == ':')) {
        i = j - 1;
        continue;
      }
    }
    joined.push_back(blank ? ' ' : out[i]);
  }
  return joined;
}

/// Splits on blanks and commas, and a word that starts with a digit and holds no colon also on
/// dashes ("06-Jan-2025", the order of IMAP's INTERNALDATE, which some software writes here too).
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size() && out.size() < 16) {
    if (s[i] == ' ' || s[i] == ',' || s[i] == '\t') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '\t') ++j;
    const std::string_view w = s.substr(i, j - i);
    if (IsAsciiDigit(w[0]) && w.find(':') == std::string_view::npos && w.find('-') != std::string_view::npos) {
      for (size_t a = 0; a <= w.size() && out.size() < 16;) {
        const size_t b = std::min(w.find('-', a), w.size());
        if (b > a) out.push_back(w.substr(a, b - a));
        a = b + 1;
      }
    } else {
      out.push_back(w);
    }
    i = j;
  }
  return out;
}

struct Clock {
  int h = 0, mi = 0, s = 0;
};

/// "10:00", "10:00:00", each field one or two digits; the time must be a whole word.
std::optional<Clock> ParseClock(std::string_view t) {
  Clock c;
  std::string_view fields[3];
  size_t n = 0, start = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == ':') {
      if (n == 3) return std::nullopt;
      fields[n++] = t.substr(start, i - start);
      start = i + 1;
    }
  }
  if (n < 2) return std::nullopt;
  for (size_t k = 0; k < n; ++k)
    if (fields[k].empty() || fields[k].size() > 2 || !AllDigits(fields[k])) return std::nullopt;
  c.h = ToInt(fields[0]);
  c.mi = ToInt(fields[1]);
  c.s = n == 3 ? ToInt(fields[2]) : 0;
  if (c.h > 23 || c.mi > 59 || c.s > 60) return std::nullopt;
  if (c.s == 60) c.s = 59;  // a leap second: ISO 8601 output keeps to 59
  return c;
}

std::optional<std::string> FromParts(std::string_view day, std::string_view month, std::string_view year,
                                     std::string_view time, std::string_view zone) {
  if (!AllDigits(day) || day.empty() || day.size() > 2 || !AllDigits(year) || year.size() < 2 || year.size() > 4)
    return std::nullopt;
  int d = ToInt(day), mo = MonthIndex(month), y = ToInt(year);
  if (year.size() == 2) y += y < 50 ? 2000 : 1900;  // RFC 5322 §4.3
  else if (year.size() == 3) y += 1900;
  const std::optional<Clock> c = ParseClock(time);
  if (!c || mo < 0 || !ValidDate(y, mo, d)) return std::nullopt;
  // A zone we do not know is "-0000": the time is right, its offset unknown.
  const int offset = zone.empty() ? 0 : ZoneOffset(zone).value_or(0);
  return Format(y, mo, d, c->h, c->mi, c->s, offset);
}

}  // namespace

std::optional<std::string> Rfc5322DateToIso(std::string_view date) {
  if (date.size() > 200) return std::nullopt;
  const std::string text = Normalize(date);
  // Each word is classified by its shape, so the obsolete orders still parse: RFC 5322's
  // "[day-name,] day month year time zone" with every part of §4.3 (two- and three-digit years,
  // alphabetic zones, no seconds, comments, a zone glued to the time as in "00:01+0000"), and the
  // asctime() form old software writes ("Mon Jan  6 10:00:00 2025").
  std::string_view month, time, zone;
  std::vector<std::string_view> numbers;
  for (std::string_view w : Words(text)) {
    const size_t colon = w.find(':');
    if (colon != std::string_view::npos && time.empty()) {
      // A zone glued to the time: "00:01+0000", "10:00:00GMT".
      size_t end = colon;
      while (end < w.size() && (IsAsciiDigit(w[end]) || w[end] == ':')) ++end;
      time = w.substr(0, end);
      if (end < w.size()) zone = w.substr(end);
    } else if (AllDigits(w)) {
      numbers.push_back(w);
    } else if ((w[0] == '+' || w[0] == '-') && zone.empty()) {
      zone = w;
    } else if (month.empty() && MonthIndex(w) > 0) {
      month = w;
    } else if (zone.empty() && !time.empty() && !IsWeekday(w)) {
      zone = w;  // a zone name after the time; one we do not know counts as "-0000"
    }
    // Anything else (the day name, a second zone as in "+0000 GMT") is not needed.
  }
  if (numbers.size() < 2 || month.empty() || time.empty()) return std::nullopt;
  // Day before year, except when the first number can only be a year.
  const bool year_first = numbers[0].size() > 2 && numbers[1].size() <= 2;
  return FromParts(numbers[year_first ? 1 : 0], month, numbers[year_first ? 0 : 1], time, zone);
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
