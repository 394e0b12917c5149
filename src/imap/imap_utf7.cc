#include "imap/imap_utf7.h"

#include <cstdint>
#include <vector>

#include "crypto/base64.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

bool IsDirect(char32_t c) { return c >= 0x20 && c <= 0x7e; }

/// Decodes the base64 between "&" and "-" (non-empty) and appends its UTF-8 to `out`.
bool DecodeShift(std::string_view b64, std::string* out) {
  uint32_t acc = 0;
  int bits = 0;
  char32_t high = 0;  // a pending high surrogate
  for (char c : b64) {
    int v = Base64DigitValue(c, '+', ',');  // RFC 3501 §5.1.3: ',' stands in for '/'
    if (v < 0) return false;
    acc = ((acc << 6) | static_cast<uint32_t>(v)) & 0xffffff;  // never more than 22 live bits
    bits += 6;
    if (bits < 16) continue;
    bits -= 16;
    char32_t unit = (acc >> bits) & 0xffff;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      if (high) return false;
      high = unit;
      continue;
    }
    char32_t cp = unit;
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      if (!high) return false;
      cp = 0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00);
      high = 0;
    } else if (high) {
      return false;
    }
    if (cp == 0 || IsDirect(cp)) return false;  // printable ASCII must be sent as itself
    AppendUtf8(cp, out);
  }
  // What is left must be the zero padding of the last sextet: less than one whole sextet.
  return !high && bits < 6 && (acc & ((1u << bits) - 1)) == 0;
}

void EncodeShift(const std::vector<uint16_t>& units, std::string* out) {
  out->push_back('&');
  uint32_t acc = 0;
  int bits = 0;
  for (uint16_t u : units) {
    acc = ((acc << 16) | u) & 0xffffff;
    bits += 16;
    while (bits >= 6) {
      bits -= 6;
      out->push_back(kAlphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out->push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  out->push_back('-');
}

}  // namespace

std::optional<std::string> DecodeImapUtf7(std::string_view wire) {
  std::string out;
  out.reserve(wire.size());
  bool after_shift = false;  // the previous token was a non-empty "&...-"
  size_t i = 0;
  while (i < wire.size()) {
    const char c = wire[i];
    if (!IsDirect(static_cast<unsigned char>(c))) return std::nullopt;
    if (c != '&') {
      out.push_back(c);
      after_shift = false;
      ++i;
      continue;
    }
    const size_t dash = wire.find('-', i + 1);
    if (dash == std::string_view::npos) return std::nullopt;
    std::string_view b64 = wire.substr(i + 1, dash - i - 1);
    if (b64.empty()) {
      out.push_back('&');
      after_shift = false;
    } else {
      // The encoder puts a whole run of non-ASCII into one shift; "&AOQ-&APY-" is not canonical.
      if (after_shift || !DecodeShift(b64, &out)) return std::nullopt;
      after_shift = true;
    }
    i = dash + 1;
  }
  return out;
}

std::optional<std::string> EncodeImapUtf7(std::string_view utf8) {
  std::string out;
  std::vector<uint16_t> run;  // UTF-16 units of the pending non-ASCII run
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t cp;
    if (!NextUtf8CodePoint(utf8, &pos, &cp) || cp == 0) return std::nullopt;
    if (!IsDirect(cp)) {
      if (cp >= 0x10000) {
        run.push_back(static_cast<uint16_t>(0xd800 + ((cp - 0x10000) >> 10)));
        run.push_back(static_cast<uint16_t>(0xdc00 + ((cp - 0x10000) & 0x3ff)));
      } else {
        run.push_back(static_cast<uint16_t>(cp));
      }
      continue;
    }
    if (!run.empty()) {
      EncodeShift(run, &out);
      run.clear();
    }
    if (cp == '&') out += "&-";
    else out.push_back(static_cast<char>(cp));
  }
  if (!run.empty()) EncodeShift(run, &out);
  return out;
}

}  // namespace mail_mcp
