// Who sent a request: the TCP peer, or, behind trusted reverse proxies, the address they report.
//
// By default (no trusted proxies) the client is the TCP peer and forwarding headers are ignored:
// anyone can send them. When the peer is in TRUSTED_PROXIES, the chain the proxies built in
// X-Forwarded-For (or, when no proxy sent that, RFC 7239 Forwarded's for= values) is walked from the
// right, skipping trusted hops: the first untrusted address is the client. Entries to its left were
// written by the client itself and are never believed. An entry that is no address ("unknown", an
// obfuscated "_name") stops the walk: the client is then the trusted hop that reported it.
//
// The per-client counters (failed sign-ins) key IPv6 clients by their /64: one subscriber usually
// holds a whole /64, and per-address counting would let it rotate through 2^64 addresses.
//
// Thread-safety: pure functions over immutable values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/ip_address.h"

namespace mail_mcp {

/// True when `address` (text) is in one of `networks`.
bool IsInNetworks(std::string_view address, const std::vector<IpNetwork>& networks);

/// The client's address as text (normalized: "::ffff:192.0.2.1" prints as "192.0.2.1").
/// `x_forwarded_for` and `forwarded` are every value of those headers, in the order received.
std::string ResolveClientAddress(std::string_view peer, const std::vector<std::string>& x_forwarded_for,
                                 const std::vector<std::string>& forwarded, const std::vector<IpNetwork>& trusted);

/// The key per-client counters use: the address, or "<prefix>/64" for IPv6.
std::string ClientCounterKey(std::string_view client_address);

}  // namespace mail_mcp
