#include "mime/transfer_encoding.h"

#include <cstdint>

#include "crypto/base64.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string DecodeBase64Lenient(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  uint32_t acc = 0;
  int n = 0;  // characters in the current group
  auto flush_partial = [&] {
    // 2 characters carry one byte, 3 carry two; a lone character carries nothing.
    if (n == 2) out.push_back(static_cast<char>(acc >> 4));
    if (n == 3) {
      out.push_back(static_cast<char>(acc >> 10));
      out.push_back(static_cast<char>(acc >> 2));
    }
    acc = 0;
    n = 0;
  };
  for (char ch : text) {
    if (ch == '=') {
      flush_partial();
      continue;
    }
    const int v = Base64DigitValue(ch, '+', '/');
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    if (++n == 4) {
      out.push_back(static_cast<char>(acc >> 16));
      out.push_back(static_cast<char>(acc >> 8));
      out.push_back(static_cast<char>(acc));
      acc = 0;
      n = 0;
    }
  }
  flush_partial();
  return out;
}

std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  const size_t n = text.size();
  size_t blanks_start = std::string::npos;  // where a run of blanks in `out` began
  while (i < n) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (blanks_start != std::string::npos) out.resize(blanks_start);  // transport padding
      blanks_start = std::string::npos;
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == '=') {
      // Soft line break: "=" then optional blanks then end of line (or end of input).
      size_t j = i + 1;
      while (j < n && IsBlank(text[j])) ++j;
      if (j == n || text[j] == '\r' || text[j] == '\n') {
        if (j < n && text[j] == '\r') ++j;
        if (j < n && text[j] == '\n') ++j;
        i = j;
        blanks_start = std::string::npos;
        continue;
      }
      if (i + 2 < n && HexDigitValue(text[i + 1]) >= 0 && HexDigitValue(text[i + 2]) >= 0) {
        out.push_back(static_cast<char>(HexDigitValue(text[i + 1]) * 16 + HexDigitValue(text[i + 2])));
        i += 3;
        blanks_start = std::string::npos;
        continue;
      }
      out.push_back('=');  // not an escape: keep it, as most readers do
      ++i;
      blanks_start = std::string::npos;
      continue;
    }
    if (IsBlank(c)) {
      if (blanks_start == std::string::npos) blanks_start = out.size();
    } else {
      blanks_start = std::string::npos;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string DecodeTransferEncoding(std::string_view body, std::string_view encoding) {
  const std::string e = ToLowerAscii(Trim(encoding));
  if (e == "base64") return DecodeBase64Lenient(body);
  if (e == "quoted-printable") return DecodeQuotedPrintable(body);
  return std::string(body);
}

}  // namespace mail_mcp
