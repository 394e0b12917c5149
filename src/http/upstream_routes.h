// Sign-in through the mail provider's OAuth, over HTTP (the logic is oauth/provider_signin.h):
//   GET  /oauth/authorize            for such a client, the "Continue with <provider>" page (ShowProviderSignIn)
//   POST /oauth/authorize            the browser goes to the provider (RedirectToProvider)
//   GET  /oauth/upstream/callback    the provider sends it back; IMAP and SMTP are checked live with the
//                                    provider's token, then the MCP client gets our code
// Failures are pages for the person with what happened and a link to try again, never raw JSON.
//
// Thread-safety: handlers are safe to run concurrently.
#pragma once

#include "http/app_context.h"
#include "http/http_server.h"
#include "oauth/authorize_request.h"

namespace mail_mcp {

/// The path of our callback at the providers: BASE_URL + this is the redirect URI to register there.
inline constexpr char kUpstreamCallbackPath[] = "/oauth/upstream/callback";

void RegisterUpstreamRoutes(HttpServer& server, const AppContext& app);

/// GET /oauth/authorize of a checked request whose client signs in with a provider.
void ShowProviderSignIn(const AppContext& app, const AuthorizeCheck& check, HttpResponse& res);
/// POST /oauth/authorize of such a request: 303 to the provider's authorization endpoint.
void RedirectToProvider(const AppContext& app, const AuthorizeCheck& check, HttpResponse& res);

}  // namespace mail_mcp
