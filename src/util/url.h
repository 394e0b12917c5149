// A small parser for absolute http(s) URLs (RFC 3986), enough to validate BASE_URL and redirect URIs.
//
// It splits a URL into scheme, host, port, path, query and fragment, lower-casing the scheme and
// host. It rejects what a redirect target must never contain: userinfo ("user@host" is a classic
// phishing trick), control characters, spaces and backslashes.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mail_mcp {

struct Url {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case; IPv6 literals keep their brackets: "[::1]"
  int port = 0;        // explicit port, or 0 when absent
  std::string path;    // "" or starting with '/'
  std::string query;   // without '?'; has_query tells "?" from nothing
  bool has_query = false;
  bool has_fragment = false;

  int EffectivePort() const { return port ? port : (scheme == "https" ? 443 : 80); }
  /// scheme://host[:port], with the port omitted when it is the scheme's default.
  std::string Origin() const;
};

std::optional<Url> ParseHttpUrl(std::string_view text);
/// localhost, 127.0.0.0/8 and [::1]: hosts whose traffic never leaves the machine.
bool IsLoopbackHost(std::string_view host);

}  // namespace mail_mcp
