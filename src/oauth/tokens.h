// The four kinds of token mail_mcp issues, sealed as JWEs, and the rules for opening them.
//
// mail_mcp keeps no database: a client registration, an authorization code, an access token and a
// refresh token each carry their own state as encrypted JSON claims. Every token has `typ` (its
// kind), `iss` (BASE_URL), `aud` (who may accept it), `iat` and a random `jti`; all but client ids
// expire. Opening a token checks, in this order, the JWE seal, `exp`, `iss`, `aud`, `typ`, and each
// failure has its own message, so a refresh token is never accepted where an access token is due
// (and so on for every pair of kinds).
//
// Scopes: a client id seals its ceiling (the most it can ever be granted) and a display name; a
// code, an access token and a refresh token seal the scopes granted. Client ids and tokens sealed
// before scopes existed carry none and open as `legacy_scopes` (everything), so they keep working.
//
// Clients that sign in with the mail provider's OAuth (ClientRegistration::idp) add two things: a
// sign-in state, the short-lived token that travels through the provider as `state` and holds the
// authorization request it continues (IssueSignInState), and the provider's tokens inside ours — the
// access token in the account (MailAccount::bearer_token), the refresh token and the access token's
// expiry in codes and refresh tokens (UpstreamGrant). Tokens of password accounts carry neither.
//
// Thread-safety: a TokenService is immutable after construction; share it between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <picojson.h>

#include "crypto/jwe.h"
#include "idp/idp_provider.h"
#include "net/mail_account.h"
#include "util/scope_set.h"
#include "util/status.h"

namespace mail_mcp {

enum class TokenKind { kClientId, kCode, kAccess, kRefresh, kSignInState };
const char* TokenKindName(TokenKind kind);

/// A provisioned OAuth client: its servers, its secret, the redirect URIs it may use, the most it
/// may be granted and the name the consent page shows.
struct ClientRegistration {
  MailServers servers;
  std::string client_secret;
  std::vector<std::string> redirect_uris;
  ScopeSet scopes{};      // the ceiling (`generate --scopes`)
  std::string name{};     // `generate --name`; empty: unnamed
  IdpRegistration idp{};  // kind kNone: users sign in with their mailbox password
};

/// The provider's side of an OAuth account's session: its refresh token, and when the access token in
/// MailAccount::bearer_token expires (Unix seconds). Empty for password accounts.
struct UpstreamGrant {
  std::string refresh_token;
  int64_t access_expires_at = 0;
};

/// What a sign-in state stands for: the MCP client's checked authorization request, which continues
/// when the provider sends the person back, and our PKCE verifier for the provider. Instead of the
/// client id (hundreds of characters, and the state travels in the provider's URLs, which have length
/// limits) it holds the client's fingerprint and the parts of its registration the sign-in uses.
struct SignInState {
  std::string client_fingerprint;
  MailServers servers;
  IdpRegistration idp;
  std::string redirect_uri, state, code_challenge, resource;  // of the MCP client's request
  ScopeSet scopes;                                            // what the person granted on our page
  std::string code_verifier;
  std::string jti{};       // filled in by OpenSignInState: for single use
  int64_t expires_at = 0;  // filled in by OpenSignInState
};

/// What an authorization code stands for until it is exchanged.
struct AuthorizationGrant {
  MailAccount account;
  std::string code_challenge;  // PKCE S256
  std::string redirect_uri;
  std::string client_fingerprint;  // ClientFingerprint() of the client_id it was issued to
  ScopeSet scopes;                 // what the person granted
  std::string jti{};               // filled in by OpenCode: the code's unique id, for single use
  int64_t expires_at = 0;          // filled in by OpenCode
  UpstreamGrant upstream{};
};

/// An opened refresh or access token.
struct SessionToken {
  MailAccount account;
  std::string client_fingerprint;
  ScopeSet scopes;
  std::string jti;
  int64_t expires_at = 0;
  /// Refresh tokens: all of it; access tokens: only access_expires_at.
  UpstreamGrant upstream{};
};

class TokenService {
 public:
  static constexpr int64_t kCodeLifetime = 5 * 60;
  static constexpr int64_t kAccessLifetime = 8 * 3600;
  static constexpr int64_t kRefreshLifetime = 30 * 86400;
  static constexpr int64_t kSignInStateLifetime = 10 * 60;

  /// `clock` returns Unix seconds; tests pass a fake one. `legacy_scopes` is what a client id or
  /// token without a scope claim allows (none by default: such a token then opens with no scope).
  TokenService(std::string key, std::string issuer, std::function<int64_t()> clock = nullptr,
               ScopeSet legacy_scopes = {});

  const std::string& issuer() const { return issuer_; }
  /// The `aud` of access tokens: the MCP endpoint, BASE_URL/mcp (RFC 8707 resource).
  std::string McpAudience() const { return issuer_ + "/mcp"; }

  StatusOr<std::string> IssueClientId(const ClientRegistration& client) const;
  StatusOr<ClientRegistration> OpenClientId(std::string_view token) const;

  StatusOr<std::string> IssueCode(const AuthorizationGrant& grant) const;
  StatusOr<AuthorizationGrant> OpenCode(std::string_view token) const;

  /// For an OAuth account, the token expires before the provider's access token in it does
  /// (AccessLifetime), so the client refreshes through us in time.
  StatusOr<std::string> IssueAccessToken(const MailAccount& account, const std::string& client_fingerprint,
                                         const ScopeSet& scopes, const UpstreamGrant& upstream = {}) const;
  StatusOr<SessionToken> OpenAccessToken(std::string_view token) const;
  /// Seconds an access token issued now lives: kAccessLifetime, or for an OAuth account the provider's
  /// access token's remaining life less a margin (a minute, or a quarter of a short life), at least 1.
  int64_t AccessLifetime(const UpstreamGrant& upstream) const;

  StatusOr<std::string> IssueRefreshToken(const MailAccount& account, const std::string& client_fingerprint,
                                          const ScopeSet& scopes, const UpstreamGrant& upstream = {}) const;
  StatusOr<SessionToken> OpenRefreshToken(std::string_view token) const;

  /// The `state` sent to the provider; it lives kSignInStateLifetime and only the callback
  /// (BASE_URL/oauth/upstream/callback) accepts it.
  StatusOr<std::string> IssueSignInState(const SignInState& state) const;
  StatusOr<SignInState> OpenSignInState(std::string_view token) const;

 private:
  std::string Audience(TokenKind kind) const;
  /// Adds typ/iss/aud/iat/jti (and exp when `lifetime` > 0) to `claims` and seals them.
  StatusOr<std::string> Seal(TokenKind kind, picojson::object claims, int64_t lifetime) const;
  /// Runs the ordered checks (seal, exp, iss, aud, typ) and returns the claims.
  StatusOr<picojson::object> Open(std::string_view token, TokenKind kind) const;
  int64_t Now() const;
  /// The `scope` claim (RFC 8693 §4.2: a space-separated string) of opened claims, or
  /// legacy_scopes_ when it is absent; a claim that is not a valid scope string fails.
  StatusOr<ScopeSet> ReadScopes(const picojson::object& claims) const;
  StatusOr<SessionToken> ReadSession(StatusOr<picojson::object> claims) const;

  JweCodec jwe_;
  std::string issuer_;
  std::function<int64_t()> clock_;
  ScopeSet legacy_scopes_;
};

/// A short, stable identifier of a client_id token (base64url SHA-256, 22 chars): codes and refresh
/// tokens carry it instead of the whole client_id, which is several hundred characters long.
std::string ClientFingerprint(std::string_view client_id);

}  // namespace mail_mcp
