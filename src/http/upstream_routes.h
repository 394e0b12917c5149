// Sign-in through the mail provider's OAuth, over HTTP (the logic is oauth/provider_signin.h):
//   GET  /oauth/authorize            for such a client, the consent page with "Continue with <provider>"
//                                    in place of the password fields (AddProviderSignIn)
//   POST /oauth/authorize            with the permissions ticked, the browser goes to the provider
//                                    (RedirectToProvider)
//   GET  /oauth/upstream/callback    the provider sends it back; IMAP and SMTP are checked live with the
//                                    provider's token, then the MCP client gets our code
// Failures are pages for the person with what happened and a link to try again, never raw JSON.
//
// Thread-safety: handlers are safe to run concurrently.
#pragma once

#include <string>
#include <vector>

#include "http/app_context.h"
#include "http/http_server.h"
#include "oauth/authorize_request.h"
#include "oauth/login_page.h"

namespace mail_mcp {

/// The path of our callback at the providers: BASE_URL + this is the redirect URI to register there.
inline constexpr char kUpstreamCallbackPath[] = "/oauth/upstream/callback";

void RegisterUpstreamRoutes(HttpServer& server, const AppContext& app);

/// Turns the consent page of `check` (a client that signs in with a provider) into its provider form:
/// the provider's name and accounts on `page`, and the provider's authorization endpoint added to the
/// page's `form_targets` (form-action applies to the redirect after the post). False, with an error
/// page written to `res`, when this server has no credentials for that provider.
bool AddProviderSignIn(const AppContext& app, const AuthorizeCheck& check, LoginPageModel* page,
                       std::vector<std::string>* form_targets, HttpResponse& res);
/// POST /oauth/authorize of such a request with the `granted` scopes: 303 to the provider.
void RedirectToProvider(const AppContext& app, const AuthorizeCheck& check, const ScopeSet& granted, HttpResponse& res);

}  // namespace mail_mcp
