#include "util/url.h"

#include "util/ascii.h"

namespace mail_mcp {

std::string Url::Origin() const {
  std::string o = scheme + "://" + host;
  if (port && port != (scheme == "https" ? 443 : 80)) o += ":" + std::to_string(port);
  return o;
}

std::optional<Url> ParseHttpUrl(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '\\') return std::nullopt;
  Url u;
  size_t colon = s.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  u.scheme = ToLowerAscii(s.substr(0, colon));
  if (u.scheme != "http" && u.scheme != "https") return std::nullopt;
  std::string_view rest = s.substr(colon + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  std::string_view host = authority, port;
  if (authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
    }
    for (char c : host.substr(1, host.size() - 2))
      if (!IsAsciiHexDigit(c) && c != ':' && c != '.') return std::nullopt;
  } else {
    size_t pc = authority.rfind(':');
    if (pc != std::string_view::npos) {
      host = authority.substr(0, pc);
      port = authority.substr(pc + 1);
    }
    if (host.empty()) return std::nullopt;
    for (char c : host)
      if (!IsAsciiAlnum(c) && c != '-' && c != '.' && c != '_') return std::nullopt;
  }
  u.host = ToLowerAscii(host);
  if (!port.empty() || authority.back() == ':') {
    if (port.empty() || port.size() > 5) return std::nullopt;
    int p = 0;
    for (char c : port) {
      if (!IsAsciiDigit(c)) return std::nullopt;
      p = p * 10 + (c - '0');
    }
    if (p < 1 || p > 65535) return std::nullopt;
    u.port = p;
  }
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    u.has_fragment = true;
    rest = rest.substr(0, hash);
  }
  size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    u.has_query = true;
    u.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  u.path = std::string(rest);
  return u;
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "[::1]") return true;
  if (host.substr(0, 4) != "127.") return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') ++dots;
    else if (!IsAsciiDigit(c)) return false;
  }
  return dots == 3;
}

}  // namespace mail_mcp
