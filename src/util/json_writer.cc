#include "util/json_writer.h"

#include <array>
#include <charconv>
#include <cstdint>

namespace mail_mcp {
namespace {

constexpr char kHex[] = "0123456789abcdef";

/// How many bytes picojson writes for each byte of a string: 1 (itself), 2 ("\n" and the like)
/// or 6 (\u00xx for other control characters and DEL).
constexpr std::array<uint8_t, 256> kEscapedLength = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = (c < 0x20 || c == 0x7f) ? 6 : 1;
  for (unsigned char c : {'"', '\\', '/', '\b', '\f', '\n', '\r', '\t'}) t[c] = 2;
  return t;
}();

/// The letter after the backslash of a two-byte escape.
char ShortEscape(unsigned char c) {
  switch (c) {
    case '\b':
      return 'b';
    case '\f':
      return 'f';
    case '\n':
      return 'n';
    case '\r':
      return 'r';
    case '\t':
      return 't';
    default:
      return static_cast<char>(c);  // '"', '\\', '/'
  }
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  // Sized first, then written in place: a string of tens of KiB with thousands of quotes to
  // escape cost hundreds of microseconds as many small appends. resize() grows geometrically
  // (reserve() would grant exactly the size asked, and copy the whole output on every call).
  size_t length = 2;
  for (unsigned char c : s) length += kEscapedLength[c];
  const size_t start = out->size();
  out->resize(start + length);
  char* p = out->data() + start;
  *p++ = '"';
  for (unsigned char c : s) {
    switch (kEscapedLength[c]) {
      case 1:
        *p++ = static_cast<char>(c);
        break;
      case 2:
        *p++ = '\\';
        *p++ = ShortEscape(c);
        break;
      default:
        *p++ = '\\';
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 0xf];
    }
  }
  *p = '"';
}

void AppendJson(std::string* out, const picojson::value& v) {
  if (v.is<std::string>()) return AppendJsonString(out, v.get<std::string>());
  if (v.is<picojson::array>()) {
    *out += '[';
    bool first = true;
    for (const picojson::value& item : v.get<picojson::array>()) {
      if (!first) *out += ',';
      first = false;
      AppendJson(out, item);
    }
    *out += ']';
    return;
  }
  if (v.is<picojson::object>()) {
    *out += '{';
    bool first = true;
    for (const auto& [key, member] : v.get<picojson::object>()) {
      if (!first) *out += ',';
      first = false;
      AppendJsonString(out, key);
      *out += ':';
      AppendJson(out, member);
    }
    *out += '}';
    return;
  }
  if (v.is<int64_t>()) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get<int64_t>());
    out->append(buf, ec == std::errc() ? end : buf);
    return;
  }
  *out += v.serialize();  // null, booleans, doubles: short, and picojson's own number format
}

std::string WriteJson(const picojson::value& v) {
  std::string out;
  AppendJson(&out, v);
  return out;
}

}  // namespace mail_mcp
