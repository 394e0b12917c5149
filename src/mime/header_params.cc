#include "mime/header_params.h"

#include <algorithm>
#include <vector>

#include "mime/charset.h"
#include "mime/encoded_words.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

/// Hostile headers can carry any number of parameters; nobody needs more than this.
constexpr size_t kMaxParams = 256;
/// Highest RFC 2231 continuation index we accept.
constexpr int kMaxSection = 999;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Splits at ';' outside quoted strings and comments. An unterminated quote or comment runs to
/// the end of the value.
std::vector<std::string_view> SplitParams(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  bool quoted = false;
  int comment = 0;
  for (size_t i = 0; i < s.size() && out.size() <= kMaxParams; ++i) {
    const char c = s[i];
    if (c == '\\' && (quoted || comment > 0)) {
      ++i;
    } else if (quoted) {
      if (c == '"') quoted = false;
    } else if (c == '(') {
      ++comment;
    } else if (comment > 0) {
      if (c == ')') --comment;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  if (start <= s.size() && out.size() <= kMaxParams) out.push_back(s.substr(start));
  return out;
}

/// `s` without (comments) outside quoted strings.
std::string StripComments(std::string_view s) {
  std::string out;
  bool quoted = false;
  int comment = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (comment > 0) {
      if (c == '\\') ++i;
      else if (c == '(') ++comment;
      else if (c == ')') --comment;
      continue;
    }
    if (c == '(' && !quoted) {
      comment = 1;
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (c == '\\' && quoted && i + 1 < s.size()) {
      out.push_back(c);
      out.push_back(s[++i]);
      continue;
    }
    out.push_back(c);
  }
  return out;
}

/// The contents of a value that is a quoted string (escapes removed), or the trimmed token.
std::string Unquote(std::string_view v) {
  v = Trim(v);
  if (v.empty() || v.front() != '"') return std::string(v);
  std::string out;
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i] == '"') break;
    if (v[i] == '\\' && i + 1 < v.size()) ++i;
    out.push_back(v[i]);
  }
  return out;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexDigitValue(s[i + 1]) >= 0 && HexDigitValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexDigitValue(s[i + 1]) * 16 + HexDigitValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

/// A plain (non-RFC 2231) value as UTF-8: encoded words decoded, 8-bit bytes guessed.
std::string DecodePlain(const std::string& v) {
  if (v.find("=?") != std::string::npos) return DecodeHeaderText(v);
  return GuessToUtf8(v);
}

/// One RFC 2231 section of a parameter: "name*2*=..." is {2, true, "..."}.
struct Section {
  int index;
  bool extended;
  std::string value;
};

std::string JoinSections(std::vector<Section> sections) {
  std::stable_sort(sections.begin(), sections.end(),
                   [](const Section& a, const Section& b) { return a.index < b.index; });
  std::string charset, bytes;
  int last = -1;
  for (size_t k = 0; k < sections.size(); ++k) {
    Section& s = sections[k];
    if (s.index == last) continue;  // a repeated section: the first one wins
    last = s.index;
    std::string_view v = s.value;
    if (s.extended && k == 0) {
      // charset'language'text; tolerate a missing language or missing quotes.
      const size_t q1 = v.find('\'');
      const size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
      if (q2 != std::string_view::npos) {
        charset = std::string(v.substr(0, q1));
        v = v.substr(q2 + 1);
      }
    }
    bytes += s.extended ? PercentDecode(v) : std::string(v);
  }
  if (!charset.empty()) return ToUtf8(bytes, charset).utf8;
  return DecodePlain(bytes);
}

}  // namespace

HeaderValue ParseHeaderValue(std::string_view raw) {
  HeaderValue result;
  const std::string text = UnfoldHeader(raw);
  std::vector<std::string_view> parts = SplitParams(text);
  if (parts.empty()) return result;

  // The value: comments dropped, blanks around "/" tolerated; a value glued to a parameter by a
  // missing ";" ("text/html charset=utf-8") gives that parameter back.
  std::string first = StripComments(parts[0]);
  std::string value;
  size_t i = 0;
  while (i < first.size() && IsSpace(first[i])) ++i;
  for (; i < first.size(); ++i) {
    if (IsSpace(first[i])) {
      size_t j = i;
      while (j < first.size() && IsSpace(first[j])) ++j;
      if (j < first.size() && first[j] == '/') continue;
      if (!value.empty() && value.back() == '/') continue;
      break;
    }
    value.push_back(first[i]);
  }
  result.value = ToLowerAscii(value);
  std::string glued(Trim(std::string_view(first).substr(std::min(i, first.size()))));

  std::map<std::string, std::vector<Section>> extended;
  auto add_param = [&](std::string_view part) {
    const std::string p = StripComments(part);
    const size_t eq = p.find('=');
    if (eq == std::string::npos) return;
    std::string name = ToLowerAscii(Trim(std::string_view(p).substr(0, eq)));
    std::string v = Unquote(std::string_view(p).substr(eq + 1));
    if (name.empty()) return;
    const size_t star = name.find('*');
    if (star == std::string::npos) {
      if (result.params.count(name) || name.size() > 128) return;
      result.params[name] = name == "boundary" ? v : DecodePlain(v);
      return;
    }
    // name*  |  name*N  |  name*N*
    Section s{0, name.back() == '*', std::move(v)};
    std::string_view digits = std::string_view(name).substr(star + 1);
    if (s.extended && !digits.empty()) digits.remove_suffix(1);
    if (!digits.empty()) {
      if (digits.size() > 3 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return;
      s.index = std::stoi(std::string(digits));
    }
    if (s.index > kMaxSection) return;
    std::vector<Section>& list = extended[name.substr(0, star)];
    if (list.size() <= static_cast<size_t>(kMaxSection)) list.push_back(std::move(s));
  };
  if (glued.find('=') != std::string::npos) add_param(glued);
  for (size_t k = 1; k < parts.size(); ++k) add_param(parts[k]);
  // RFC 2231 values win over plain ones of the same name (senders include both for old readers).
  for (auto& [name, sections] : extended) {
    if (name.empty() || name.size() > 128) continue;
    result.params[name] = JoinSections(std::move(sections));
  }
  return result;
}

}  // namespace mail_mcp
