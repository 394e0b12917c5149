#include "compose/body_encoding.h"

#include "crypto/base64.h"

namespace mail_mcp {
namespace {

constexpr size_t kMaxSevenBitLine = 78;

void AppendEscape(unsigned char c, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  *out += '=';
  *out += kHex[c >> 4];
  *out += kHex[c & 15];
}

/// One line (no CRLF) encoded, with soft breaks keeping each output line within 76 characters.
void EncodeQpLine(std::string_view line, std::string* out) {
  const bool from_line = line.substr(0, 5) == "From ";
  size_t column = 0;
  std::string unit;
  for (size_t i = 0; i < line.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    unit.clear();
    const bool blank = c == ' ' || c == '\t';
    const bool plain = (c >= 33 && c <= 126 && c != '=') || (blank && !last);
    if (!plain || (i == 0 && (c == '.' || from_line))) AppendEscape(c, &unit);
    else unit += static_cast<char>(c);
    // A soft break costs one "=", so only the line's last unit may reach column 76.
    const size_t limit = last ? kEncodedLineLength : kEncodedLineLength - 1;
    if (column + unit.size() > limit) {
      *out += "=\r\n";
      column = 0;
    }
    *out += unit;
    column += unit.size();
  }
}

}  // namespace

std::string NormalizeLineEndings(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

bool NeedsQuotedPrintable(std::string_view crlf_text) {
  size_t column = 0;
  for (size_t i = 0; i < crlf_text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(crlf_text[i]);
    if (c >= 0x80 || c == 0) return true;
    if (c == '\r' && i + 1 < crlf_text.size() && crlf_text[i + 1] == '\n') {
      column = 0;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') return true;  // not normalised: let QP escape it
    if (++column > kMaxSevenBitLine) return true;
  }
  return false;
}

std::string EncodeQuotedPrintable(std::string_view crlf_text) {
  std::string out;
  out.reserve(crlf_text.size() + crlf_text.size() / 4);
  size_t start = 0;
  for (;;) {
    const size_t crlf = crlf_text.find("\r\n", start);
    if (crlf == std::string_view::npos) {
      EncodeQpLine(crlf_text.substr(start), &out);
      break;
    }
    EncodeQpLine(crlf_text.substr(start, crlf - start), &out);
    out += "\r\n";
    start = crlf + 2;
  }
  return out;
}

std::string EncodeBase64Lines(std::string_view bytes) {
  const std::string b64 = Base64Encode(bytes);
  std::string out;
  out.reserve(b64.size() + b64.size() / kEncodedLineLength * 2 + 2);
  for (size_t i = 0; i < b64.size(); i += kEncodedLineLength) {
    out.append(b64, i, kEncodedLineLength);
    out += "\r\n";
  }
  return out;
}

}  // namespace mail_mcp
