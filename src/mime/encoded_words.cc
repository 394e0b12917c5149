#include "mime/encoded_words.h"

#include <vector>

#include "mime/charset.h"
#include "mime/transfer_encoding.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

/// The "Q" encoding (RFC 2047 §4.2): QP with "_" for space and no line structure.
std::string DecodeQ(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '_') {
      out.push_back(' ');
    } else if (c == '=' && i + 2 < text.size() && HexDigitValue(text[i + 1]) >= 0 && HexDigitValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexDigitValue(text[i + 1]) * 16 + HexDigitValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

/// One piece of header text: literal text, or the decoded bytes of an encoded word.
struct Segment {
  bool encoded = false;
  std::string charset;  // canonical or lower-cased label, for encoded segments
  std::string bytes;
};

/// Parses the encoded word starting at `raw[pos]` ("=?" already seen). On success stores it and
/// returns the position after "?="; returns 0 when this is not a well-formed encoded word. Each
/// call stops at the third "?" after `pos`, so scanning every "=?" in a value stays linear.
size_t ParseEncodedWord(std::string_view raw, size_t pos, Segment* seg) {
  size_t i = pos + 2;
  const size_t charset_start = i;
  while (i < raw.size() && raw[i] != '?' && !IsBlank(raw[i]) && i - charset_start < 80) ++i;
  if (i >= raw.size() || raw[i] != '?' || i == charset_start) return 0;
  std::string_view label = raw.substr(charset_start, i - charset_start);
  if (const size_t star = label.find('*'); star != std::string_view::npos)
    label = label.substr(0, star);  // RFC 2231 §5 language suffix
  ++i;
  if (i + 1 >= raw.size() || raw[i + 1] != '?') return 0;
  const char enc = raw[i];
  if (enc != 'B' && enc != 'b' && enc != 'Q' && enc != 'q') return 0;
  i += 2;
  const size_t text_start = i;
  while (i < raw.size() && raw[i] != '?' && !IsBlank(raw[i])) ++i;
  if (i + 1 >= raw.size() || raw[i] != '?' || raw[i + 1] != '=') return 0;
  const std::string_view text = raw.substr(text_start, i - text_start);
  seg->encoded = true;
  seg->charset = CanonicalCharset(label);
  if (seg->charset.empty()) {
    for (char c : label) seg->charset.push_back((c >= 'A' && c <= 'Z') ? char(c + 32) : c);
  }
  seg->bytes = (enc == 'B' || enc == 'b') ? DecodeBase64Lenient(text) : DecodeQ(text);
  return i + 2;
}

}  // namespace

std::string UnfoldHeader(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c != '\r' && c != '\n') {
      out.push_back(c);
      continue;
    }
    size_t j = i + 1;
    if (c == '\r' && j < raw.size() && raw[j] == '\n') ++j;
    if (j < raw.size() && IsBlank(raw[j])) {
      i = j - 1;  // drop the line break, keep the folding blank
    } else {
      out.push_back(' ');
      i = j - 1;
    }
  }
  return out;
}

std::string DecodeHeaderText(std::string_view raw_in) {
  const std::string raw = UnfoldHeader(raw_in);
  std::vector<Segment> segments;
  size_t literal_start = 0;
  auto add_literal = [&](size_t end) {
    if (end > literal_start) {
      Segment s;
      s.bytes.assign(raw, literal_start, end - literal_start);
      segments.push_back(std::move(s));
    }
  };
  size_t i = 0;
  while (i + 1 < raw.size()) {
    if (raw[i] == '=' && raw[i + 1] == '?') {
      Segment seg;
      if (const size_t end = ParseEncodedWord(raw, i, &seg)) {
        add_literal(i);
        // Blanks between two encoded words are folding artefacts, not text (RFC 2047 §6.2).
        if (segments.size() >= 2 && !segments.back().encoded && segments[segments.size() - 2].encoded &&
            segments.back().bytes.find_first_not_of(" \t") == std::string::npos)
          segments.pop_back();
        // Same charset as the previous word: join the bytes so split characters reassemble.
        if (!segments.empty() && segments.back().encoded && segments.back().charset == seg.charset)
          segments.back().bytes += seg.bytes;
        else segments.push_back(std::move(seg));
        i = literal_start = end;
        continue;
      }
    }
    ++i;
  }
  add_literal(raw.size());

  std::string out;
  out.reserve(raw.size());
  for (const Segment& s : segments) {
    if (s.encoded) out += ToUtf8(s.bytes, s.charset).utf8;
    else out += GuessToUtf8(s.bytes);
  }
  // Controls (an encoded "=0D=0A", a NUL) would break the one-line display or smuggle lines.
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

}  // namespace mail_mcp
