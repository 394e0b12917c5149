// The sign-in leg through the mail provider's own OAuth, for clients provisioned with
// `generate --provider=…` or `--oauth-…` (ClientRegistration::idp): mail_mcp is the provider's OAuth
// client between the MCP client's authorization request and our code.
//
//   1. StartProviderSignIn: the browser goes to the provider's authorization endpoint with PKCE S256
//      (our verifier), our exact callback BASE_URL/oauth/upstream/callback, and a `state` that is a
//      sealed, short-lived token holding the MCP client's checked authorization request (TokenService::
//      IssueSignInState): nothing is stored on the server.
//   2. FinishProviderSignIn, at the callback: the state opens (sealed by us, unexpired, meant for the
//      callback) and is used once (its id joins the used-codes set, so a replayed callback fails); a
//      provider error becomes a page for the person; `iss` must name
//      the provider when present, and must be present when the provider promises it (RFC 9207, against
//      mix-up); the code is exchanged with our verifier (so a code injected from another sign-in fails
//      at the provider); a refresh token is required (we must outlive the provider's short access
//      token); the mailbox address comes from the ID token (email, or Microsoft's preferred_username),
//      else the userinfo endpoint.
//   3. The caller (http/) then checks IMAP and SMTP live with the token and issues our code.
//
// Thread-safety: reentrant; UsedCodes locks internally.
#pragma once

#include <cstdint>
#include <string>

#include "idp/idp_provider.h"
#include "net/http_fetch.h"
#include "oauth/authorize_request.h"
#include "oauth/tokens.h"
#include "oauth/used_codes.h"
#include "util/url_encoding.h"

namespace mail_mcp {

/// The provider's authorization URL for `check` (a checked request of a client with a provider) and
/// the scopes the person `granted` on our page (they come back in the state).
StatusOr<std::string> StartProviderSignIn(const AuthorizeCheck& check, const ScopeSet& granted,
                                          const IdpProvider& provider, const TokenService& tokens,
                                          const std::string& callback_url);

/// What the callback learned.
struct ProviderCallback {
  bool signed_in = false;
  // When !signed_in: a page for the person (HTTP status, title, what happened and what to do).
  int http_status = 400;
  std::string title, message;
  /// The MCP client's request, once the state opened: a failure page names the provider and the
  /// servers, a success continues with it.
  SignInState request;
  bool have_request = false;
  /// When signed_in: the account (the client's servers, the address as IMAP and SMTP username, the
  /// provider's access token) and the provider's grant.
  MailAccount account;
  UpstreamGrant upstream;
  std::string provider_name;  // "Google", "Microsoft", …
};

/// Everything a callback needs besides its query.
struct ProviderCallbackContext {
  const TokenService* tokens;
  UsedCodes* used_states;
  const IdpSettings* settings;
  HttpFetchOptions fetch;
  std::string callback_url;  // BASE_URL/oauth/upstream/callback, exactly as sent to the provider
  int64_t now = 0;
};

/// Steps 2 of the header for the callback's `query`.
ProviderCallback FinishProviderSignIn(const ParamMap& query, const ProviderCallbackContext& ctx);

}  // namespace mail_mcp
