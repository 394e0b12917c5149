// The token endpoint's logic (RFC 6749 §3.2, §4.1.3, §6; RFC 7636 §4.5; OAuth 2.1): client
// authentication, the authorization_code and refresh_token grants, and RFC 6749 §5.2 errors.
//
// Clients authenticate with HTTP Basic or with client_id/client_secret form fields (Claude sends only
// the latter; the MCP SDK defaults to the former); both at once is invalid_request. The client
// secret lives inside the client_id token and is compared in constant time.
//
// Scopes: the access token gets what the person granted, and the response says so in `scope`
// (RFC 6749 §5.1). A refresh may ask for fewer (`scope`, RFC 6749 §6): the new access token then
// holds only those, while the new refresh token keeps the whole original grant, as §6 requires;
// asking for any scope not originally granted is invalid_scope, so a refresh never widens.
//
// Single use, rotation and revocation (state/state_store.h): a code works once, and a code presented
// again revokes the grant it produced (RFC 6749 §4.1.2). Each refresh returns a refresh token of the
// next generation of the same family; presenting an older one again revokes the family (OAuth 2.1
// §4.3.1, RFC 9700 §4.14). Revoke() is RFC 7009: a refresh or access token ends its whole grant;
// a token of another client, or one we cannot open, changes nothing. When the state store cannot
// be reached, code exchange, refresh and revocation fail closed with 503 temporarily_unavailable.
//
// For an account that signs in with its provider, the refresh grant also renews the provider's tokens
// (UpstreamRefresher, oauth/upstream_refresh.h): our new access token carries the provider's new one,
// and the provider refusing (invalid_grant: access revoked, password changed) is our invalid_grant,
// so the client signs the person in again. The provider is asked before the family rotates, so a
// provider briefly unreachable does not cost the client its refresh token.
//
// Thread-safety: TokenEndpoint is safe to call concurrently (the StateStore locks internally;
// the refresher must be reentrant).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "oauth/tokens.h"
#include "oauth/upstream_refresh.h"
#include "state/state_store.h"
#include "util/url_encoding.h"

namespace mail_mcp {

struct TokenReply {
  int status = 200;
  std::string body;              // JSON
  bool basic_challenge = false;  // add WWW-Authenticate: Basic (401 after a Basic attempt)
};

class TokenEndpoint {
 public:
  /// `resource` is BASE_URL/mcp; `clock` returns Unix seconds; `refresher` renews OAuth accounts at
  /// their provider (null: their refresh fails with server_error).
  TokenEndpoint(const TokenService* tokens, StateStore* state, std::string resource,
                std::function<int64_t()> clock = nullptr, UpstreamRefresher refresher = nullptr);

  /// `form` is the decoded body; `authorization` the Authorization header ("" when absent).
  TokenReply Handle(const ParamMap& form, const std::string& authorization) const;
  /// POST /oauth/revoke (RFC 7009), authenticated like Handle: 200 with an empty JSON object
  /// whether or not the token was valid (§2.2), 400 unauthorized_client (and no effect) for a token
  /// issued to another client.
  TokenReply Revoke(const ParamMap& form, const std::string& authorization) const;

 private:
  struct AuthenticatedClient {
    std::string id;
    ClientRegistration registration;
  };
  /// Client authentication (Basic or form fields, exactly one): the client, or the error reply.
  std::variant<AuthenticatedClient, TokenReply> AuthenticateClient(const ParamMap& form,
                                                                   const std::string& authorization) const;
  TokenReply AuthorizationCode(const ParamMap& form, const std::string& client_id) const;
  TokenReply RefreshToken(const ParamMap& form, const std::string& client_id, const ClientRegistration& client) const;
  /// Moves the refresh token's family on a generation (`*next` is then the new token's grant), or
  /// the error reply: the token was used before (the family is now revoked), its grant was
  /// revoked, or the store is unreachable.
  std::optional<TokenReply> RotateRefreshToken(const SessionToken& session, GrantRef* next) const;
  /// Issues an access token for `access_scopes` and a refresh token for `grant`, both of grant `ref`
  /// and each carrying the provider's tokens of an OAuth account (`upstream`).
  TokenReply Issue(const MailAccount& account, const std::string& fingerprint, const ScopeSet& grant,
                   const ScopeSet& access_scopes, const UpstreamGrant& upstream, const GrantRef& ref) const;
  /// Until when a revocation of a grant must be kept from now: the longest a token issued from it
  /// until now can live.
  int64_t RevocationExpiry() const;
  int64_t Now() const;

  const TokenService* tokens_;
  StateStore* state_;
  std::string resource_;
  std::function<int64_t()> clock_;
  UpstreamRefresher refresher_;
};

}  // namespace mail_mcp
