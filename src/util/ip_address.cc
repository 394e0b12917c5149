#include "util/ip_address.h"

#include <arpa/inet.h>

#include <cstring>

#include "util/ascii.h"

namespace mail_mcp {
namespace {

constexpr uint8_t kV4MappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

}  // namespace

bool IpAddress::IsV4() const { return std::memcmp(bytes.data(), kV4MappedPrefix, 12) == 0; }

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN];
  const bool v4 = IsV4();
  if (!inet_ntop(v4 ? AF_INET : AF_INET6, bytes.data() + (v4 ? 12 : 0), buf, sizeof buf)) return "";
  return buf;
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  // inet_pton needs a NUL-terminated string; a NUL inside `text` must not cut it short.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN || text.find('\0') != std::string_view::npos) return std::nullopt;
  std::string s(text);
  IpAddress a;
  if (inet_pton(AF_INET, s.c_str(), a.bytes.data() + 12) == 1) {
    std::memcpy(a.bytes.data(), kV4MappedPrefix, 12);
    return a;
  }
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) return a;
  return std::nullopt;
}

bool IpNetwork::Contains(const IpAddress& a) const {
  int bits = prefix_bits;
  for (size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xff : uint8_t(0xff << (8 - bits));
    if ((a.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

std::optional<IpNetwork> ParseIpNetwork(std::string_view text) {
  size_t slash = text.find('/');
  auto address = ParseIpAddress(text.substr(0, slash));
  if (!address) return std::nullopt;
  IpNetwork n{*address, 128};
  const int family_bits = address->IsV4() ? 32 : 128;
  if (slash != std::string_view::npos) {
    std::string_view len = text.substr(slash + 1);
    if (!AllDigits(len) || len.size() > 3) return std::nullopt;
    int bits = 0;
    for (char c : len) bits = bits * 10 + (c - '0');
    if (bits > family_bits) return std::nullopt;
    n.prefix_bits = 128 - family_bits + bits;
  }
  // Host bits below the prefix must be zero.
  for (int bit = n.prefix_bits; bit < 128; ++bit)
    if (n.base.bytes[bit / 8] & (0x80 >> (bit % 8))) return std::nullopt;
  return n;
}

}  // namespace mail_mcp
