#include "imap/search_query.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "util/ascii.h"
#include "util/calendar.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

/// Limits keep a hostile query from producing a command the server refuses or chokes on; they
/// are far above anything a person (or an assistant) writes by hand.
constexpr size_t kMaxQueryBytes = 8192;
constexpr size_t kMaxTokens = 200;
constexpr size_t kMaxStringBytes = 1000;
constexpr int kMaxParenDepth = 16;
constexpr uint64_t kMaxNumber = 4294967295u;  // RFC 3501 number: 32-bit unsigned

constexpr const char* kMonthNames[12] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};

bool IsControl(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7F;
}
/// Value of a string of at most 9 digits (caller checked).
int SmallNumber(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

/// `text` for an error message: quoted, and cut (on a UTF-8 boundary) when long, so a 1000-byte
/// string does not swamp the message.
std::string Shown(std::string_view text) {
  constexpr size_t kMax = 40;
  if (text.size() <= kMax) return "\"" + std::string(text) + "\"";
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(text.substr(0, cut)) + "...\"";
}

// ---- Dates ----

/// Checks "HH:MM[:SS[.frac]][Z|+HH[:]MM|-HH[:]MM]", the time part of an ISO 8601 date-time. We
/// ignore the time, but accepting garbage after a 'T' would hide a mistyped value.
bool IsIsoTime(std::string_view t) {
  auto two = [&](size_t at, int max) {
    return at + 2 <= t.size() && IsAsciiDigit(t[at]) && IsAsciiDigit(t[at + 1]) && SmallNumber(t.substr(at, 2)) <= max;
  };
  size_t i = 0;
  if (!two(0, 23) || t.size() < 5 || t[2] != ':' || !two(3, 59)) return false;
  i = 5;
  if (i < t.size() && t[i] == ':') {
    if (!two(i + 1, 60)) return false;  // 60: leap second
    i += 3;
    if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
      size_t j = i + 1;
      while (j < t.size() && IsAsciiDigit(t[j])) ++j;
      if (j == i + 1) return false;
      i = j;
    }
  }
  if (i == t.size()) return true;
  if ((t[i] == 'Z' || t[i] == 'z') && i + 1 == t.size()) return true;
  if (t[i] != '+' && t[i] != '-') return false;
  std::string_view zone = t.substr(i + 1);
  if (zone.size() == 5 && zone[2] == ':') return two(i + 1, 23) && two(i + 4, 59);
  if (zone.size() == 4) return two(i + 1, 23) && two(i + 3, 59);
  return zone.size() == 2 && two(i + 1, 23);
}

/// The IMAP form of a date, or false with `*why` saying what is wrong (without the "not a date"
/// preamble, which callers phrase for their context).
bool ParseDate(std::string_view text, std::string* out, std::string* why) {
  const std::string kForms = "use YYYY-MM-DD or DD-Mon-YYYY, e.g. 2025-01-31 or 31-Jan-2025";
  int year = 0, month = 0, day = 0;
  size_t d1 = text.find('-');
  size_t d2 = d1 == std::string_view::npos ? d1 : text.find('-', d1 + 1);
  if (d2 == std::string_view::npos) {
    *why = kForms;
    return false;
  }
  std::string_view a = text.substr(0, d1), b = text.substr(d1 + 1, d2 - d1 - 1);
  std::string_view rest = text.substr(d2 + 1);
  if (a.size() == 4 && AllDigits(a)) {
    // YYYY-MM-DD, optionally followed by a time.
    size_t day_len = 0;
    while (day_len < rest.size() && IsAsciiDigit(rest[day_len])) ++day_len;
    std::string_view c = rest.substr(0, day_len), time = rest.substr(day_len);
    if (b.empty() || b.size() > 2 || !AllDigits(b) || c.empty() || c.size() > 2) {
      *why = kForms;
      return false;
    }
    if (!time.empty()) {
      if ((time[0] != 'T' && time[0] != 't' && time[0] != ' ') || !IsIsoTime(time.substr(1))) {
        *why = "the part after the date is not an ISO 8601 time; " + kForms;
        return false;
      }
    }
    year = SmallNumber(a);
    month = SmallNumber(b);
    day = SmallNumber(c);
  } else if (!a.empty() && a.size() <= 2 && AllDigits(a) && b.size() == 3 && rest.size() == 4 && AllDigits(rest)) {
    // DD-Mon-YYYY, the IMAP form itself.
    month = MonthFromAbbrev(b);
    if (month == 0) {
      *why = "unknown month " + Shown(b) + "; use Jan, Feb, ..., Dec";
      return false;
    }
    year = SmallNumber(rest);
    day = SmallNumber(a);
  } else {
    *why = kForms;
    return false;
  }
  if (year < 1) {
    *why = "year 0000 does not exist";
    return false;
  }
  if (month < 1 || month > 12) {
    *why = "month " + std::to_string(month) + " is not between 1 and 12";
    return false;
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    *why = std::string(kMonthNames[month - 1]) + " " + std::to_string(year) + " has " +
           std::to_string(DaysInMonth(year, month)) + " days";
    return false;
  }
  char buf[32];  // 11 needed; room for what -Wformat-truncation imagines an int can be
  std::snprintf(buf, sizeof buf, "%02d-%s-%04d", day, MonthAbbrev(month), year);
  *out = buf;
  return true;
}

// ---- Text checks shared by the query and the structured filters ----

/// Position of `{digits}` or `{digits+}` (IMAP literal syntax) in `s`, or npos.
size_t FindLiteralSyntax(std::string_view s) {
  for (size_t i = s.find('{'); i != std::string_view::npos; i = s.find('{', i + 1)) {
    size_t j = i + 1;
    while (j < s.size() && IsAsciiDigit(s[j])) ++j;
    if (j == i + 1) continue;
    if (j < s.size() && s[j] == '+') ++j;
    if (j < s.size() && s[j] == '}') return i;
  }
  return std::string_view::npos;
}

/// Why a structured filter string cannot be searched for, or "" when it can.
std::string FilterTextProblem(std::string_view s) {
  if (s.size() > kMaxStringBytes) return "longer than " + std::to_string(kMaxStringBytes) + " bytes";
  for (char c : s)
    if (IsControl(c)) return "contains a control character (line break, tab, NUL, ...)";
  if (!IsValidUtf8(s)) return "is not valid UTF-8";
  if (FindLiteralSyntax(s) != std::string_view::npos) return "contains IMAP literal syntax {n}, which is not allowed";
  return "";
}

// ---- Query lexer ----

struct Lexeme {
  enum class Kind { kWord, kQuoted, kOpen, kClose };
  Kind kind;
  std::string text;  // for kQuoted: unescaped contents
  size_t offset;     // byte offset in the query
};

/// Reports byte offsets as 1-based character positions, which is what a reader counts.
class Positions {
 public:
  explicit Positions(std::string_view query) : query_(query) {}
  std::string At(size_t offset) const {
    size_t chars = 0;
    for (size_t i = 0; i < offset && i < query_.size(); ++i)
      if ((static_cast<unsigned char>(query_[i]) & 0xC0) != 0x80) ++chars;
    return "position " + std::to_string(chars + 1);
  }

 private:
  std::string_view query_;
};

Status QueryError(const std::string& message) { return Status::InvalidArgument("query: " + message); }

StatusOr<std::vector<Lexeme>> Lex(std::string_view q, const Positions& pos) {
  std::vector<Lexeme> out;
  size_t i = 0;
  while (i < q.size()) {
    char c = q[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (IsControl(c)) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(c));
      return QueryError(std::string("control character ") + hex + " at " + pos.At(i) +
                        " is not allowed (the query must be one line; separate terms with spaces)");
    }
    if (out.size() == kMaxTokens)
      return QueryError("too many terms (more than " + std::to_string(kMaxTokens) + "); simplify the query");
    if (c == '(' || c == ')') {
      out.push_back({c == '(' ? Lexeme::Kind::kOpen : Lexeme::Kind::kClose, std::string(1, c), i});
      ++i;
      continue;
    }
    if (c == '"') {
      std::string text;
      size_t j = i + 1;
      for (;; ++j) {
        if (j >= q.size())
          return QueryError("unterminated quoted string starting at " + pos.At(i) + " (missing closing \")");
        char d = q[j];
        if (d == '"') break;
        if (IsControl(d))
          return QueryError("control character in the quoted string at " + pos.At(j) +
                            " is not allowed (no line breaks, tabs or NUL)");
        if (d == '\\') {
          if (j + 1 >= q.size() || (q[j + 1] != '"' && q[j + 1] != '\\'))
            return QueryError("invalid escape at " + pos.At(j) + ": inside quotes only \\\" and \\\\ are allowed");
          d = q[++j];
        }
        text += d;
        if (text.size() > kMaxStringBytes)
          return QueryError("quoted string at " + pos.At(i) + " is longer than " + std::to_string(kMaxStringBytes) +
                            " bytes");
      }
      // A literal inside a quoted string is harmless data once quoted again, but refusing it
      // anywhere means no downstream mistake can ever turn it into a real literal.
      size_t lit = FindLiteralSyntax(text);
      if (lit != std::string::npos)
        return QueryError("IMAP literal syntax " + Shown(text.substr(lit, text.find('}', lit) - lit + 1)) +
                          " in the quoted string at " + pos.At(i) + " is not allowed");
      if (!IsValidUtf8(text)) return QueryError("quoted string at " + pos.At(i) + " is not valid UTF-8");
      size_t end = j + 1;
      if (end < q.size() && q[end] != ' ' && q[end] != '(' && q[end] != ')')
        return QueryError("expected a space after the quoted string ending at " + pos.At(j));
      out.push_back({Lexeme::Kind::kQuoted, std::move(text), i});
      i = end;
      continue;
    }
    size_t j = i;
    while (j < q.size() && q[j] != ' ' && q[j] != '(' && q[j] != ')' && q[j] != '"' && !IsControl(q[j])) {
      // '{' starts an IMAP literal ({5}CRLF...); it is an atom-special and never needed here.
      if (q[j] == '{')
        return QueryError("'{' at " + pos.At(j) + " is not allowed outside a quoted string (IMAP literal syntax)");
      ++j;
    }
    if (j < q.size() && q[j] == '"')
      return QueryError("unexpected '\"' at " + pos.At(j) + " inside a word; put the whole string in quotes");
    std::string_view word = q.substr(i, j - i);
    if (word.size() > kMaxStringBytes)
      return QueryError("term at " + pos.At(i) + " is longer than " + std::to_string(kMaxStringBytes) + " bytes");
    if (!IsValidUtf8(word)) return QueryError("invalid UTF-8 at " + pos.At(i));
    out.push_back({Lexeme::Kind::kWord, std::string(word), i});
    i = j;
  }
  return out;
}

// ---- Query grammar ----

enum class Arg { kNone, kString, kDate, kNumber, kNzNumber, kFlag, kSeqSet, kKey };

struct KeySpec {
  const char* name;
  Arg arg1;
  Arg arg2;
};

/// RFC 3501 §6.4.4 search keys plus OLDER/YOUNGER (RFC 5032 WITHIN). Other extensions (MODSEQ,
/// X-GM-RAW, FUZZY, ...) need capabilities we do not negotiate, so they are refused.
constexpr KeySpec kKeys[] = {
    {"ALL", Arg::kNone, Arg::kNone},
    {"ANSWERED", Arg::kNone, Arg::kNone},
    {"BCC", Arg::kString, Arg::kNone},
    {"BEFORE", Arg::kDate, Arg::kNone},
    {"BODY", Arg::kString, Arg::kNone},
    {"CC", Arg::kString, Arg::kNone},
    {"DELETED", Arg::kNone, Arg::kNone},
    {"DRAFT", Arg::kNone, Arg::kNone},
    {"FLAGGED", Arg::kNone, Arg::kNone},
    {"FROM", Arg::kString, Arg::kNone},
    {"HEADER", Arg::kString, Arg::kString},
    {"KEYWORD", Arg::kFlag, Arg::kNone},
    {"LARGER", Arg::kNumber, Arg::kNone},
    {"NEW", Arg::kNone, Arg::kNone},
    {"NOT", Arg::kKey, Arg::kNone},
    {"OLD", Arg::kNone, Arg::kNone},
    {"OLDER", Arg::kNzNumber, Arg::kNone},
    {"ON", Arg::kDate, Arg::kNone},
    {"OR", Arg::kKey, Arg::kKey},
    {"RECENT", Arg::kNone, Arg::kNone},
    {"SEEN", Arg::kNone, Arg::kNone},
    {"SENTBEFORE", Arg::kDate, Arg::kNone},
    {"SENTON", Arg::kDate, Arg::kNone},
    {"SENTSINCE", Arg::kDate, Arg::kNone},
    {"SINCE", Arg::kDate, Arg::kNone},
    {"SMALLER", Arg::kNumber, Arg::kNone},
    {"SUBJECT", Arg::kString, Arg::kNone},
    {"TEXT", Arg::kString, Arg::kNone},
    {"TO", Arg::kString, Arg::kNone},
    {"UID", Arg::kSeqSet, Arg::kNone},
    {"UNANSWERED", Arg::kNone, Arg::kNone},
    {"UNDELETED", Arg::kNone, Arg::kNone},
    {"UNDRAFT", Arg::kNone, Arg::kNone},
    {"UNFLAGGED", Arg::kNone, Arg::kNone},
    {"UNKEYWORD", Arg::kFlag, Arg::kNone},
    {"UNSEEN", Arg::kNone, Arg::kNone},
    {"YOUNGER", Arg::kNzNumber, Arg::kNone},
};

const KeySpec* FindKey(const std::string& upper) {
  for (const KeySpec& k : kKeys)
    if (upper == k.name) return &k;
  return nullptr;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

/// "(did you mean DELETED?)" for a near miss, else the list of supported keys, so that an
/// assistant can correct itself from the error alone.
std::string KeyHint(const std::string& upper) {
  const char* best = nullptr;
  size_t best_distance = 3;
  if (upper.size() <= 20) {
    for (const KeySpec& k : kKeys) {
      size_t d = EditDistance(upper, k.name);
      // Short words are all close to each other ("BY" is two edits from "TO"); be stricter there.
      if (d < best_distance && (d <= 1 || upper.size() > 4)) best_distance = d, best = k.name;
    }
  }
  if (best) return std::string("(did you mean ") + best + "?)";
  std::string all = "(supported: ";
  for (const KeySpec& k : kKeys) all += std::string(k.name) + ", ";
  return all + "a sequence set, and ( ... ))";
}

/// Why `s` is not an RFC 3501 sequence-set (nz-numbers, '*', ranges with ':', lists with ','), or
/// "" when it is.
std::string SequenceSetProblem(std::string_view s) {
  if (s.empty()) return "it is empty";
  size_t start = 0;
  while (true) {
    size_t comma = s.find(',', start);
    std::string_view item = s.substr(start, comma == std::string_view::npos ? s.npos : comma - start);
    if (item.empty()) return "it has an empty element";
    size_t colon = item.find(':');
    std::string_view parts[2] = {item.substr(0, colon),
                                 colon == std::string_view::npos ? std::string_view() : item.substr(colon + 1)};
    int count = colon == std::string_view::npos ? 1 : 2;
    for (int p = 0; p < count; ++p) {
      std::string_view n = parts[p];
      if (n == "*") continue;
      if (!AllDigits(n)) return "element " + Shown(item) + " is not a number, '*' or a range n:m";
      if (n.size() > 10 || std::stoull(std::string(n)) > kMaxNumber)
        return "number " + Shown(n) + " is larger than 4294967295";
      if (std::stoull(std::string(n)) == 0) return "message numbers start at 1";
    }
    if (comma == std::string_view::npos) return "";
    start = comma + 1;
  }
}

/// Why `s` is not a flag-keyword atom (RFC 3501 atom: printable ASCII without atom-specials), or
/// "" when it is.
std::string FlagProblem(std::string_view s) {
  if (s.empty()) return "it is empty";
  if (s[0] == '\\')
    return "system flags like \\Seen have their own search keys (SEEN, ANSWERED, FLAGGED, "
           "DELETED, DRAFT and their UN- forms)";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '(' || c == ')' || c == '{' || c == '%' || c == '*' || c == '"' || c == '\\' ||
        c == ']')
      return "flag keywords are ASCII letters, digits and punctuation other than ( ) { % * \" \\ ]";
  }
  return "";
}

/// Why `s` cannot be a HEADER field name (RFC 5322 ftext: printable ASCII except ':'), or "".
std::string HeaderNameProblem(std::string_view s) {
  if (s.empty()) return "it is empty";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == ':') return "header names are printable ASCII without spaces or ':'";
  }
  return "";
}

class Parser {
 public:
  Parser(std::vector<Lexeme> lexemes, const Positions& pos) : lx_(std::move(lexemes)), pos_(pos) {}

  Status ParseAll(std::vector<SearchToken>* out) {
    out_ = out;
    while (next_ < lx_.size()) {
      if (lx_[next_].kind == Lexeme::Kind::kClose)
        return QueryError("unbalanced ')' at " + pos_.At(lx_[next_].offset) + " has no matching '('");
      Status s = ParseKey(0);
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

 private:
  void Emit(SearchToken::Kind kind, std::string text) { out_->push_back({kind, std::move(text)}); }
  std::string Got(const Lexeme& l) const {
    if (l.kind == Lexeme::Kind::kQuoted) return "got the quoted string " + Shown(l.text);
    return "got " + Shown(l.text);
  }

  /// One search-key at lx_[next_] (the caller checked there is one and that it is not ')').
  Status ParseKey(int depth) {
    const Lexeme& l = lx_[next_];
    if (l.kind == Lexeme::Kind::kOpen) {
      if (depth + 1 > kMaxParenDepth)
        return QueryError("parentheses nested deeper than " + std::to_string(kMaxParenDepth) + " levels at " +
                          pos_.At(l.offset));
      ++next_;
      Emit(SearchToken::Kind::kAtom, "(");
      size_t keys = 0;
      while (true) {
        if (next_ >= lx_.size()) return QueryError("unbalanced '(' at " + pos_.At(l.offset) + ": missing ')'");
        if (lx_[next_].kind == Lexeme::Kind::kClose) break;
        Status s = ParseKey(depth + 1);
        if (!s.ok()) return s;
        ++keys;
      }
      if (keys == 0) return QueryError("empty parentheses at " + pos_.At(l.offset));
      ++next_;
      Emit(SearchToken::Kind::kAtom, ")");
      return Status::OK();
    }
    if (l.kind == Lexeme::Kind::kQuoted)
      return QueryError("expected a search key at " + pos_.At(l.offset) + " (" + Got(l) +
                        "); text must follow a key such as TEXT, SUBJECT, FROM or BODY");
    // A word: a keyword or a sequence set.
    if (IsAsciiDigit(l.text[0]) || l.text[0] == '*') {
      std::string problem = SequenceSetProblem(l.text);
      if (!problem.empty())
        return QueryError("invalid sequence set " + Shown(l.text) + " at " + pos_.At(l.offset) + ": " + problem);
      Emit(SearchToken::Kind::kAtom, l.text);
      ++next_;
      return Status::OK();
    }
    std::string upper = ToUpperAscii(l.text);
    if (upper == "CHARSET")
      return QueryError("CHARSET at " + pos_.At(l.offset) +
                        " is not allowed; CHARSET UTF-8 is added automatically when needed");
    const KeySpec* spec = FindKey(upper);
    if (!spec)
      return QueryError("unknown search key " + Shown(l.text) + " at " + pos_.At(l.offset) + " " + KeyHint(upper));
    ++next_;
    Emit(SearchToken::Kind::kAtom, upper);
    if (spec->arg1 == Arg::kNone) return Status::OK();
    if (spec->arg1 == Arg::kKey) return ParseOperands(*spec, l, depth);
    Status s = ParseArg(*spec, spec->arg1, l, 0);
    if (!s.ok() || spec->arg2 == Arg::kNone) return s;
    return ParseArg(*spec, spec->arg2, l, 1);
  }

  /// The operands of NOT (one key) or OR (two keys).
  Status ParseOperands(const KeySpec& spec, const Lexeme& op, int depth) {
    int needed = spec.arg2 == Arg::kKey ? 2 : 1;
    for (int i = 0; i < needed; ++i) {
      if (next_ >= lx_.size() || lx_[next_].kind == Lexeme::Kind::kClose) {
        std::string what = needed == 2 ? "two search keys" : "a search key";
        std::string got = i == 0 ? "got none" : "got only one";
        if (next_ < lx_.size()) got += " before ')' at " + pos_.At(lx_[next_].offset);
        return QueryError(std::string(spec.name) + " at " + pos_.At(op.offset) + " needs " + what + " after it (" +
                          got + ")");
      }
      Status s = ParseKey(depth);
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

  Status ParseArg(const KeySpec& spec, Arg arg, const Lexeme& key, int index) {
    static const char* const kWhat[] = {"",         "a string",       "a date",         "a number",
                                        "a number", "a flag keyword", "a sequence set", ""};
    std::string what = kWhat[static_cast<int>(arg)];
    if (std::string(spec.name) == "HEADER") what = index == 0 ? "a header name" : "a string";
    std::string after = " after " + std::string(spec.name) + (index == 1 ? " " + lx_[next_ - 1].text : "");
    if (next_ >= lx_.size())
      return QueryError("expected " + what + after + " (at " + pos_.At(key.offset) + "), but the query ended");
    const Lexeme& l = lx_[next_];
    if (l.kind == Lexeme::Kind::kOpen || l.kind == Lexeme::Kind::kClose)
      return QueryError("expected " + what + after + " at " + pos_.At(l.offset) + " (" + Got(l) + ")");
    auto bad = [&](const std::string& detail) {
      return QueryError("expected " + what + after + " at " + pos_.At(l.offset) + " (" + Got(l) +
                        (detail.empty() ? "" : ": " + detail) + ")");
    };
    switch (arg) {
      case Arg::kString: {
        if (std::string(spec.name) == "HEADER" && index == 0) {
          std::string problem = HeaderNameProblem(l.text);
          if (!problem.empty()) return bad(problem);
        }
        Emit(SearchToken::Kind::kString, l.text);
        break;
      }
      case Arg::kDate: {
        // RFC 3501 allows a date in quotes too.
        std::string date, why;
        if (!ParseDate(l.text, &date, &why)) return bad(why);
        Emit(SearchToken::Kind::kAtom, date);
        break;
      }
      case Arg::kNumber:
      case Arg::kNzNumber: {
        const std::string range = arg == Arg::kNzNumber ? "1 to 4294967295" : "0 to 4294967295";
        if (l.kind == Lexeme::Kind::kQuoted || !AllDigits(l.text)) return bad("use a whole number from " + range);
        if (l.text.size() > 10 || std::stoull(l.text) > kMaxNumber) return bad("larger than 4294967295");
        uint64_t v = std::stoull(l.text);
        if (arg == Arg::kNzNumber && v == 0) return bad("use a whole number from " + range);
        Emit(SearchToken::Kind::kAtom, std::to_string(v));
        break;
      }
      case Arg::kFlag: {
        std::string problem = FlagProblem(l.text);
        if (!problem.empty()) return bad(problem);
        Emit(SearchToken::Kind::kAtom, l.text);
        break;
      }
      case Arg::kSeqSet: {
        std::string problem =
            l.kind == Lexeme::Kind::kQuoted ? "sequence sets are not quoted" : SequenceSetProblem(l.text);
        if (!problem.empty()) return bad(problem);
        Emit(SearchToken::Kind::kAtom, l.text);
        break;
      }
      case Arg::kNone:
      case Arg::kKey:
        return Status::Internal("search query: bad argument table");
    }
    ++next_;
    return Status::OK();
  }

  std::vector<Lexeme> lx_;
  const Positions& pos_;
  size_t next_ = 0;
  std::vector<SearchToken>* out_ = nullptr;
};

bool IsBlank(std::string_view s) { return s.find_first_not_of(' ') == std::string_view::npos; }

}  // namespace

StatusOr<std::string> ToImapDate(std::string_view text) {
  std::string_view trimmed = Trim(text, " ");
  std::string out, why;
  if (trimmed.size() > 64 || !ParseDate(trimmed, &out, &why))
    return Status::InvalidArgument(Shown(trimmed) + " is not a valid date: " + (why.empty() ? "too long" : why));
  return out;
}

StatusOr<std::vector<SearchToken>> ParseSearchQuery(std::string_view query) {
  if (query.size() > kMaxQueryBytes)
    return QueryError("longer than " + std::to_string(kMaxQueryBytes) + " bytes; simplify it");
  if (IsBlank(query)) return std::vector<SearchToken>{{SearchToken::Kind::kAtom, "ALL"}};
  Positions pos(query);
  StatusOr<std::vector<Lexeme>> lexemes = Lex(query, pos);
  if (!lexemes.ok()) return lexemes.status();
  std::vector<SearchToken> out;
  Parser parser(std::move(*lexemes), pos);
  Status s = parser.ParseAll(&out);
  if (!s.ok()) return s;
  return out;
}

StatusOr<std::vector<SearchToken>> BuildSearchCriteria(std::string_view query, const SearchFilters& filters) {
  std::vector<SearchToken> extra;
  auto add_text = [&](const char* field, const char* key, const std::optional<std::string>& value) -> Status {
    if (!value || value->empty()) return Status::OK();
    std::string problem = FilterTextProblem(*value);
    if (!problem.empty()) return Status::InvalidArgument(std::string(field) + ": " + problem);
    extra.push_back({SearchToken::Kind::kAtom, key});
    extra.push_back({SearchToken::Kind::kString, *value});
    return Status::OK();
  };
  auto add_date = [&](const char* field, const char* key, const std::optional<std::string>& value) -> Status {
    if (!value || IsBlank(*value)) return Status::OK();
    StatusOr<std::string> date = ToImapDate(*value);
    if (!date.ok()) return Status::InvalidArgument(std::string(field) + ": " + date.status().message());
    extra.push_back({SearchToken::Kind::kAtom, key});
    extra.push_back({SearchToken::Kind::kAtom, *date});
    return Status::OK();
  };
  for (Status s : {add_text("from", "FROM", filters.from), add_text("to", "TO", filters.to),
                   add_text("subject", "SUBJECT", filters.subject), add_text("text", "TEXT", filters.text),
                   add_date("since", "SINCE", filters.since), add_date("before", "BEFORE", filters.before)}) {
    if (!s.ok()) return s;
  }
  if (filters.unseen) extra.push_back({SearchToken::Kind::kAtom, *filters.unseen ? "UNSEEN" : "SEEN"});
  if (filters.flagged) extra.push_back({SearchToken::Kind::kAtom, *filters.flagged ? "FLAGGED" : "UNFLAGGED"});

  if (IsBlank(query)) {
    if (extra.empty()) extra.push_back({SearchToken::Kind::kAtom, "ALL"});
    return extra;
  }
  StatusOr<std::vector<SearchToken>> parsed = ParseSearchQuery(query);
  if (!parsed.ok() || extra.empty()) return parsed;
  std::vector<SearchToken> out;
  out.reserve(parsed->size() + extra.size() + 2);
  out.push_back({SearchToken::Kind::kAtom, "("});
  for (SearchToken& t : *parsed) out.push_back(std::move(t));
  out.push_back({SearchToken::Kind::kAtom, ")"});
  for (SearchToken& t : extra) out.push_back(std::move(t));
  return out;
}

bool NeedsUtf8Charset(const std::vector<SearchToken>& tokens) {
  for (const SearchToken& t : tokens) {
    if (t.kind != SearchToken::Kind::kString) continue;
    for (char c : t.text)
      if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

bool NeedsWithinExtension(const std::vector<SearchToken>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    const SearchToken& t = tokens[i];
    if (t.kind != SearchToken::Kind::kAtom) continue;
    // The atom after KEYWORD/UNKEYWORD is a flag name, which may well be spelled "OLDER".
    if (t.text == "KEYWORD" || t.text == "UNKEYWORD") {
      ++i;
      continue;
    }
    if (t.text == "OLDER" || t.text == "YOUNGER") return true;
  }
  return false;
}

}  // namespace mail_mcp
