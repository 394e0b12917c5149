#include "compose/header_writer.h"

#include "crypto/base64.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

/// Source bytes per encoded word: 39 bytes are 52 base64 characters, plus the 12 of
/// "=?utf-8?B?" and "?=" makes 64, so even "Subject: " and a word fit in 78 columns.
constexpr size_t kBytesPerWord = 39;

bool IsAtext(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

/// Splits at single spaces, keeping empty tokens so that joining with " " restores `s` exactly.
std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t sp = s.find(' ', start);
    if (sp == std::string_view::npos) break;
    out.push_back(s.substr(start, sp - start));
    start = sp + 1;
  }
  out.push_back(s.substr(start));
  return out;
}

/// The tokens of a display name: atoms as they are, other ASCII as one quoted string, anything
/// non-ASCII (or that looks like an encoded word already) as encoded words.
std::vector<std::string> PhraseTokens(std::string_view name) {
  if (name.empty()) return {};
  if (!IsAscii(name) || name.find("=?") != std::string_view::npos) return EncodeWords(name);
  std::vector<std::string> tokens;
  bool atoms = true;
  for (std::string_view word : SplitSpaces(name)) {
    if (word.empty()) atoms = false;  // leading, trailing or double space: keep it quoted
    for (char c : word)
      if (!IsAtext(c)) atoms = false;
    tokens.emplace_back(word);
  }
  if (atoms) return tokens;
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '"';
  return {quoted};
}

}  // namespace

Status CheckHeaderInput(std::string_view value, std::string_view field) {
  for (unsigned char c : value) {
    if (c == '\r' || c == '\n' || c == '\0')
      return Status::InvalidArgument(std::string(field) + " must not contain CR, LF or NUL");
    if ((c < 0x20 && c != '\t') || c == 0x7f)
      return Status::InvalidArgument(std::string(field) + " must not contain control characters");
  }
  if (!IsValidUtf8(value)) return Status::InvalidArgument(std::string(field) + " is not valid UTF-8");
  return Status::OK();
}

std::vector<std::string> EncodeWords(std::string_view utf8) {
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < utf8.size()) {
    const size_t start = pos;
    // Whole code points only: readers decode each word on its own more often than they should.
    while (pos < utf8.size()) {
      size_t next = pos;
      char32_t cp;
      if (!NextUtf8CodePoint(utf8, &next, &cp)) next = pos + 1;
      if (next - start > kBytesPerWord && pos > start) break;
      pos = next;
    }
    words.push_back("=?utf-8?B?" + Base64Encode(utf8.substr(start, pos - start)) + "?=");
  }
  return words;
}

FoldedHeader::FoldedHeader(std::string_view name) : out_(name) {
  out_ += ':';
  line_length_ = out_.size();
}

void FoldedHeader::Add(std::string_view token) {
  if (line_has_token_ && line_length_ + 1 + token.size() > kFoldColumn) {
    out_ += "\r\n";
    line_length_ = 0;
  }
  out_ += ' ';
  out_ += token;
  line_length_ += 1 + token.size();
  line_has_token_ = true;
}

void FoldedHeader::Glue(std::string_view text) {
  out_ += text;
  line_length_ += text.size();
}

std::string UnstructuredHeader(std::string_view name, std::string_view text) {
  FoldedHeader h(name);
  const std::vector<std::string_view> words = SplitSpaces(text);
  bool encode = !IsAscii(text) || text.find("=?") != std::string_view::npos;
  // A word too long to fit on a folded line is only splittable as encoded words.
  for (std::string_view w : words)
    if (w.size() + 1 > kFoldColumn - name.size() - 2) encode = true;
  if (encode) {
    for (const std::string& w : EncodeWords(text)) h.Add(w);
  } else {
    for (std::string_view w : words) h.Add(w);
  }
  return h.Finish();
}

std::string AddressHeader(std::string_view name, const std::vector<MailAddress>& addresses) {
  FoldedHeader h(name);
  for (size_t i = 0; i < addresses.size(); ++i) {
    const MailAddress& a = addresses[i];
    const std::vector<std::string> phrase = PhraseTokens(a.name);
    for (const std::string& t : phrase) h.Add(t);
    h.Add(phrase.empty() ? a.address : "<" + a.address + ">");
    if (i + 1 < addresses.size()) h.Glue(",");
  }
  return h.Finish();
}

}  // namespace mail_mcp
