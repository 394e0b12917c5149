#include "oauth/upstream_refresh.h"

#include "idp/idp_tokens.h"

namespace mail_mcp {

StatusOr<RenewedSession> RefreshUpstream(const SessionToken& session, const ClientRegistration& client,
                                         const IdpSettings& settings, const HttpFetchOptions& options, int64_t now) {
  if (session.upstream.refresh_token.empty())
    return Status::Unauthenticated("the session holds no refresh token of the provider");
  auto provider = ResolveIdp(client.idp, settings);
  if (!provider.ok()) return provider.status();
  auto tokens = RefreshIdpTokens(*provider, session.upstream.refresh_token, options);
  if (!tokens.ok()) return tokens.status();
  RenewedSession renewed{session.account, session.upstream};
  renewed.account.bearer_token = tokens->access_token;
  renewed.upstream.access_expires_at = now + tokens->expires_in;
  if (!tokens->refresh_token.empty()) renewed.upstream.refresh_token = tokens->refresh_token;
  return renewed;
}

}  // namespace mail_mcp
