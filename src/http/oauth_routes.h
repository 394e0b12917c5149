// The authorization server's endpoints: GET/POST /oauth/authorize (the login form) and
// POST /oauth/token.
// Thread-safety: handlers are safe to run concurrently.
#pragma once

#include "http/app_context.h"
#include "http/http_server.h"
#include "oauth/authorize_request.h"

namespace mail_mcp {

void RegisterOAuthRoutes(HttpServer& server, const AppContext& app);

/// The end of every successful sign-in: a code for `account` (and, for a provider sign-in, its
/// `upstream` grant) with the `granted` scopes, bound to `request`'s redirect URI and PKCE challenge
/// and to the client of `client_fingerprint`, and the redirect to the MCP client with code, state and
/// iss (RFC 9207).
void RedirectWithCode(const AppContext& app, const AuthorizeRequest& request, const std::string& client_fingerprint,
                      const ScopeSet& granted, const MailAccount& account, const UpstreamGrant& upstream,
                      HttpResponse& res);

}  // namespace mail_mcp
