#include "oauth/redirect_uris.h"

#include "util/url.h"

namespace mail_mcp {

std::vector<std::string> DefaultRedirectUris() {
  return {"https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback", "http://127.0.0.1",
          "http://localhost", "http://[::1]"};
}

Status ValidateRedirectUriEntry(std::string_view entry) {
  auto u = ParseHttpUrl(entry);
  if (!u) return Status::InvalidArgument("redirect URI '" + std::string(entry) + "' is not an absolute http(s) URL");
  if (u->has_fragment) return Status::InvalidArgument("redirect URI '" + std::string(entry) + "' has a fragment");
  if (u->scheme == "http" && !IsLoopbackHost(u->host))
    return Status::InvalidArgument("redirect URI '" + std::string(entry) +
                                   "' must use https (http is allowed only on loopback hosts)");
  return Status::OK();
}

bool IsRedirectUriAllowed(const std::vector<std::string>& allowlist, std::string_view redirect_uri) {
  auto target = ParseHttpUrl(redirect_uri);
  if (!target || target->has_fragment) return false;
  for (const std::string& entry : allowlist) {
    if (entry == redirect_uri) return true;
    auto e = ParseHttpUrl(entry);
    if (!e || e->scheme != "http" || !IsLoopbackHost(e->host)) continue;
    if (target->scheme != "http" || target->host != e->host) continue;
    bool path_ok = (e->path.empty() && !e->has_query) ||
                   (target->path == e->path && target->query == e->query && target->has_query == e->has_query);
    if (path_ok) return true;
  }
  return false;
}

std::string ReturnHost(std::string_view redirect_uri) {
  auto u = ParseHttpUrl(redirect_uri);
  // The port says nothing a person could check, so only the host is shown.
  if (!u || IsLoopbackHost(u->host)) return "";
  return u->host;
}

}  // namespace mail_mcp
