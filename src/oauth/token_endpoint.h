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
// For an account that signs in with its provider, the refresh grant also renews the provider's tokens
// (UpstreamRefresher, oauth/upstream_refresh.h): our new access token carries the provider's new one,
// and the provider refusing (invalid_grant: access revoked, password changed) is our invalid_grant,
// so the client signs the person in again.
//
// Thread-safety: TokenEndpoint is safe to call concurrently (UsedCodes locks internally; the
// refresher must be reentrant).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "oauth/tokens.h"
#include "oauth/upstream_refresh.h"
#include "oauth/used_codes.h"
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
  TokenEndpoint(const TokenService* tokens, UsedCodes* used_codes, std::string resource,
                std::function<int64_t()> clock = nullptr, UpstreamRefresher refresher = nullptr);

  /// `form` is the decoded body; `authorization` the Authorization header ("" when absent).
  TokenReply Handle(const ParamMap& form, const std::string& authorization) const;

 private:
  TokenReply AuthorizationCode(const ParamMap& form, const std::string& client_id) const;
  TokenReply RefreshToken(const ParamMap& form, const std::string& client_id, const ClientRegistration& client) const;
  /// Issues an access token for `access_scopes` and a refresh token for `grant`, each carrying the
  /// provider's tokens of an OAuth account (`upstream`).
  TokenReply Issue(const MailAccount& account, const std::string& fingerprint, const ScopeSet& grant,
                   const ScopeSet& access_scopes, const UpstreamGrant& upstream) const;
  int64_t Now() const;

  const TokenService* tokens_;
  UsedCodes* used_codes_;
  std::string resource_;
  std::function<int64_t()> clock_;
  UpstreamRefresher refresher_;
};

}  // namespace mail_mcp
