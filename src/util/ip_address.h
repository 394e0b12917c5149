// IP addresses and networks (CIDR) as text from configuration and from HTTP headers.
//
// Both families live in one 16-byte form: IPv4 as the IPv4-mapped IPv6 address (::ffff:a.b.c.d),
// so "::ffff:192.0.2.1" (what a dual-stack socket reports for an IPv4 peer) and "192.0.2.1" are the
// same address, print the same way, and an IPv4 network matches both.
//
// Thread-safety: values and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mail_mcp {

struct IpAddress {
  std::array<uint8_t, 16> bytes{};

  bool IsV4() const;
  /// Dotted quad for IPv4 (mapped or not), RFC 5952 text for IPv6.
  std::string ToString() const;
  bool operator==(const IpAddress& o) const { return bytes == o.bytes; }
};

/// A dotted quad or an IPv6 address (RFC 4291 text, an embedded IPv4 tail allowed); nothing else:
/// no brackets, port, zone or surrounding blanks.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

struct IpNetwork {
  IpAddress base;
  int prefix_bits = 128;  // of the 16-byte form: an IPv4 /24 is 96 + 24

  bool Contains(const IpAddress& a) const;
};

/// "a.b.c.d/n" (n 0..32), "ipv6/n" (n 0..128), or one address (a network of one). Host bits set
/// below the prefix ("10.0.0.1/8") are refused: such a typo usually means another network.
std::optional<IpNetwork> ParseIpNetwork(std::string_view text);

}  // namespace mail_mcp
