// The MCP Streamable HTTP endpoint, /mcp, as an OAuth-protected resource.
//
// Checks, in order: Origin and Host (DNS rebinding, 403), the bearer access token (401 with a
// WWW-Authenticate that points clients at our protected-resource metadata), Content-Type (415) and
// Accept (406); then the body goes to the JSON-RPC handler with the mail account and the granted
// scopes decrypted from the token (a call outside them is a 403 with an insufficient_scope
// challenge, which the handler asks for and this layer writes) and the headers that mirror the body
// (MCP-Protocol-Version, Mcp-Method, Mcp-Name), which the handler checks against it: an unsupported or mismatched
// revision is a 400 only it can word, since the revision may come from the body's _meta. We keep no sessions and offer
// no server-initiated stream, so GET and DELETE answer 405 (in both eras).
//
// Thread-safety: handlers are safe to run concurrently.
#pragma once

#include "http/app_context.h"
#include "http/http_server.h"

namespace mail_mcp {

void RegisterMcpRoutes(HttpServer& server, const AppContext& app);

/// True when a browser `origin` may call /mcp: BASE_URL's origin, one of ALLOWED_ORIGINS, or any
/// loopback origin when BASE_URL itself is loopback.
bool IsAllowedOrigin(const Config& config, const std::string& origin);
/// True when `host` (a Host header) is acceptable for a server bound to a loopback address.
bool IsAllowedLoopbackHost(const Config& config, const std::string& host);

}  // namespace mail_mcp
