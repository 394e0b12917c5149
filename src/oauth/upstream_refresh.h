// Renewing an OAuth account's session at its mail provider, for our refresh_token grant.
//
// Our refresh token seals the provider's refresh token (UpstreamGrant). Refreshing ours refreshes
// theirs: a new access token goes into the account, and the provider's new refresh token replaces the
// old one when it rotates them (Microsoft does; Google keeps one), else the old one is kept.
//
// Kept apart from the token endpoint so that the endpoint's own refresh rules (rotation, revocation)
// and the provider's stay separate, and so tests can stand in for the provider.
//
// Thread-safety: RefreshUpstream is reentrant (each call makes its own HTTP requests).
#pragma once

#include <cstdint>
#include <functional>

#include "idp/idp_provider.h"
#include "net/http_fetch.h"
#include "oauth/tokens.h"
#include "util/status.h"

namespace mail_mcp {

/// The renewed session: the account with the provider's new access token, and the new UpstreamGrant.
struct RenewedSession {
  MailAccount account;
  UpstreamGrant upstream;
};

/// How the token endpoint renews a session; RefreshUpstream in production. Errors: Unauthenticated when
/// the provider no longer accepts the grant (invalid_grant), Unavailable when it cannot be reached, any
/// other code for other refusals (see idp/idp_tokens.h).
using UpstreamRefresher = std::function<StatusOr<RenewedSession>(const SessionToken&, const ClientRegistration&)>;

/// Refreshes `session`'s provider tokens at `client`'s provider with the operator's `settings`.
StatusOr<RenewedSession> RefreshUpstream(const SessionToken& session, const ClientRegistration& client,
                                         const IdpSettings& settings, const HttpFetchOptions& options, int64_t now);

}  // namespace mail_mcp
