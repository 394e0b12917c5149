#include "http/client_address.h"

#include "util/ascii.h"

namespace mail_mcp {
namespace {

/// An address from a forwarding header entry: "192.0.2.1", "192.0.2.1:8080", "2001:db8::1",
/// "[2001:db8::1]:8080" (a port is dropped).
std::optional<IpAddress> ParseNode(std::string_view node) {
  node = Trim(node, " \t");
  if (!node.empty() && node.front() == '[') {
    size_t close = node.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return ParseIpAddress(node.substr(1, close - 1));
  }
  if (auto a = ParseIpAddress(node)) return a;
  size_t colon = node.find(':');
  if (colon != std::string_view::npos && node.find(':', colon + 1) == std::string_view::npos)
    return ParseIpAddress(node.substr(0, colon));  // IPv4 with a port
  return std::nullopt;
}

void SplitCommas(std::string_view value, std::vector<std::string>* out) {
  while (true) {
    size_t comma = value.find(',');
    std::string_view item = Trim(value.substr(0, comma), " \t");
    if (!item.empty()) out->emplace_back(item);
    if (comma == std::string_view::npos) return;
    value.remove_prefix(comma + 1);
  }
}

/// The for= value of each element of RFC 7239 Forwarded values, quotes removed; an element without
/// one yields "" (no address).
void ForwardedFor(std::string_view value, std::vector<std::string>* out) {
  std::vector<std::string> elements;
  SplitCommas(value, &elements);
  for (const std::string& element : elements) {
    std::string node;
    std::string_view rest = element;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, semi), " \t");
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos || !EqualsIgnoreCase(Trim(pair.substr(0, eq), " \t"), "for")) continue;
      std::string_view v = Trim(pair.substr(eq + 1), " \t");
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      node = std::string(v);
    }
    out->push_back(node);
  }
}

bool Contains(const std::vector<IpNetwork>& networks, const IpAddress& a) {
  for (const IpNetwork& n : networks)
    if (n.Contains(a)) return true;
  return false;
}

}  // namespace

bool IsInNetworks(std::string_view address, const std::vector<IpNetwork>& networks) {
  auto a = ParseIpAddress(address);
  return a && Contains(networks, *a);
}

std::string ResolveClientAddress(std::string_view peer, const std::vector<std::string>& x_forwarded_for,
                                 const std::vector<std::string>& forwarded, const std::vector<IpNetwork>& trusted) {
  auto hop = ParseIpAddress(peer);
  if (!hop) return std::string(peer);
  if (trusted.empty() || !Contains(trusted, *hop)) return hop->ToString();
  // X-Forwarded-For is what Caddy, nginx, HAProxy and cloud load balancers append to; Forwarded
  // only when no proxy sent that (a header the proxy does not write is the client's to forge).
  std::vector<std::string> chain;
  for (const std::string& v : x_forwarded_for) SplitCommas(v, &chain);
  if (x_forwarded_for.empty())
    for (const std::string& v : forwarded) ForwardedFor(v, &chain);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    auto node = ParseNode(*it);
    if (!node) break;  // "unknown" or obfuscated: the trusted hop that wrote it is all we know
    hop = node;
    if (!Contains(trusted, *hop)) break;
  }
  return hop->ToString();
}

std::string ClientCounterKey(std::string_view client_address) {
  auto a = ParseIpAddress(client_address);
  if (!a) return std::string(client_address);
  if (a->IsV4()) return a->ToString();
  IpAddress prefix = *a;
  for (size_t i = 8; i < 16; ++i) prefix.bytes[i] = 0;
  return prefix.ToString() + "/64";
}

}  // namespace mail_mcp
