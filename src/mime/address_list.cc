#include "mime/address_list.h"

#include "mime/charset.h"
#include "mime/encoded_words.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// True when the next non-blank character at or after `i` is `want`.
bool NextNonBlankIs(std::string_view s, size_t i, char want) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i < s.size() && s[i] == want;
}

/// Splits a list into mailbox entries at top-level ',' and ';', dropping group names ("Team:").
/// Commas inside an angle address continue it only when they introduce another route hop ("@"),
/// so an unclosed '<' cannot swallow the rest of the list.
std::vector<std::string_view> SplitEntries(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  bool quoted = false, angle = false;
  int comment = 0;
  auto flush = [&](size_t end) {
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c == '\\') ++i;
      else if (c == '"') quoted = false;
    } else if (comment > 0) {
      if (c == '\\') ++i;
      else if (c == '(') ++comment;
      else if (c == ')') --comment;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '(') {
      comment = 1;
    } else if (angle) {
      if (c == '>') angle = false;
      else if (c == ',' && !NextNonBlankIs(s, i + 1, '@')) angle = false, flush(i);
    } else if (c == '<') {
      angle = true;
    } else if (c == ',' || c == ';') {
      flush(i);
    } else if (c == ':') {
      start = i + 1;  // a group name ends here; its members follow
    }
  }
  flush(s.size());
  return out;
}

struct Word {
  std::string raw;   // as written, quotes included (for a quoted local-part)
  std::string text;  // quotes and escapes removed (for a display name)
};

/// True when the quoted string opening at s[i] == '"' is closed. A closed one is then consumed,
/// and after the first unclosed one the caller stops asking, so scanning stays linear.
bool HasClosingQuote(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') ++i;
    else if (s[i] == '"') return true;
  }
  return false;
}

/// A dot-atom or quoted-string local part (RFC 5322 §3.4.1), 8-bit bytes allowed (RFC 6532).
bool IsLocalPart(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return true;
  if (s.empty()) return false;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!(IsAsciiAlnum(c) || u >= 0x80 || std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos))
      return false;
  }
  return true;
}

/// Parses one entry; false when it holds no address (an addr-spec, or a lone local part).
bool ParseEntry(std::string_view s, MailAddress* out) {
  std::vector<Word> words;
  std::string comment_name, angle;
  bool has_angle = false, in_word = false, stray_quotes = false;
  auto word = [&]() -> Word& {
    if (!in_word) words.emplace_back(), in_word = true;
    return words.back();
  };
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (has_angle && c != '(') {
      ++i;  // after the angle address only a comment (a name) is of interest; the rest is junk
    } else if (IsSpace(c)) {
      in_word = false;
      ++i;
    } else if (c == '"' && (stray_quotes || !HasClosingQuote(s, i))) {
      stray_quotes = true;  // once one is unterminated, later quotes are not re-scanned
      ++i;                  // an unterminated quote is a stray character, not a name swallowing the address
    } else if (c == '"') {
      Word& w = word();
      w.raw.push_back('"');
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) w.raw.push_back(s[i++]);
        w.raw.push_back(s[i]);
        w.text.push_back(s[i]);
      }
      w.raw.push_back('"');
      ++i;
    } else if (c == '(') {
      std::string text;
      int depth = 1;
      for (++i; i < s.size() && depth > 0; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        else if (s[i] == '(') ++depth;
        else if (s[i] == ')' && --depth == 0) continue;
        text.push_back(s[i]);
      }
      if (comment_name.empty()) comment_name = std::string(Trim(text));
      in_word = false;
    } else if (c == '<') {
      has_angle = true;
      // Blanks inside the brackets are folding, except inside a quoted local part
      // (<"john doe"@x.com>): replying to the address without them would reach someone else.
      bool quoted = false;
      for (++i; i < s.size() && (quoted || s[i] != '>'); ++i) {
        if (s[i] == '"') quoted = !quoted;
        else if (quoted && s[i] == '\\' && i + 1 < s.size()) angle.push_back(s[i++]);
        if (quoted || !IsSpace(s[i])) angle.push_back(s[i]);
      }
      ++i;
      in_word = false;
    } else {
      Word& w = word();
      w.raw.push_back(c);
      w.text.push_back(c);
      ++i;
    }
  }

  std::string name;
  if (has_angle) {
    // Obsolete route "@a,@b:user@x": the address is what follows the last ':'.
    if (!angle.empty() && angle[0] == '@') {
      const size_t colon = angle.rfind(':');
      angle = colon == std::string::npos ? "" : angle.substr(colon + 1);
    }
    // Comments inside the brackets are not part of the address.
    std::string clean;
    int depth = 0;
    bool quoted = false;
    for (size_t k = 0; k < angle.size(); ++k) {
      const char ch = angle[k];
      if (quoted && ch == '\\' && k + 1 < angle.size()) {
        clean += angle.substr(k++, 2);
        continue;
      }
      if (ch == '"' && depth == 0) quoted = !quoted;
      if (quoted) clean.push_back(ch);
      else if (ch == '(') ++depth;
      else if (ch == ')' && depth > 0) --depth;
      else if (depth == 0) clean.push_back(ch);
    }
    out->address = clean;
    for (const Word& w : words) name += (name.empty() ? "" : " ") + w.text;
  } else {
    size_t at = words.size();
    for (size_t k = words.size(); k-- > 0;)
      if (words[k].raw.find('@') != std::string::npos) {
        at = k;
        break;
      }
    if (at == words.size()) {
      // No '@' at all. A lone word is a local address ("From: foo", which IMAP servers show as
      // "foo@MISSING_DOMAIN"); several words are not an address.
      if (words.size() != 1 || words[0].raw.empty()) return false;
      at = 0;
    }
    out->address = words[at].raw;
    size_t name_end = at;
    // Obsolete syntax allows blanks and comments around the '@' (RFC 5322 §4.4): "john @ x.com".
    if (out->address.front() == '@' && at > 0) out->address = words[--name_end].raw + out->address;
    if (out->address.back() == '@' && at + 1 < words.size()) out->address += words[at + 1].raw;
    for (size_t k = 0; k < name_end; ++k) name += (name.empty() ? "" : " ") + words[k].text;
  }
  // An address without a domain must at least look like a local part; "@x" or "x@" is none.
  if (out->address.find('@') == std::string::npos && !IsLocalPart(out->address)) return false;
  if (out->address.front() == '@' || out->address.back() == '@') return false;
  out->address = GuessToUtf8(out->address);
  name = std::string(Trim(name));
  if (name.empty()) name = comment_name;
  // Outlook quotes names in single quotes inside double quotes: "'Alice'" <alice@x>.
  if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'') name = name.substr(1, name.size() - 2);
  out->name = std::string(Trim(DecodeHeaderText(name)));
  return true;
}

}  // namespace

std::vector<MailAddress> ParseAddressList(std::string_view raw) {
  const std::string text = UnfoldHeader(raw);
  std::vector<MailAddress> result;
  for (std::string_view entry : SplitEntries(text)) {
    if (result.size() >= kMaxAddresses) break;
    MailAddress a;
    if (ParseEntry(Trim(entry), &a)) result.push_back(std::move(a));
  }
  return result;
}

}  // namespace mail_mcp
