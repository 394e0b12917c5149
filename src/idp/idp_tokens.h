// Talking to a provider's token and userinfo endpoints (RFC 6749 §4.1.3, §6; OIDC Core §5.3) and
// reading its discovery document (OIDC Discovery 1.0, RFC 8414), over HttpFetch.
//
// Client authentication is the app's id and secret (IdpProvider::credentials), as client_secret_post
// or HTTP Basic (form-urlencoded first, RFC 6749 §2.3.1). Every response is bounded and parsed as
// untrusted JSON. Errors are Status values a caller can branch on:
//   Unauthenticated   the provider answered invalid_grant: the code was already used or is wrong, or
//                     the refresh token was revoked or expired (the person must sign in again);
//   Unavailable       the provider could not be reached, timed out, or answered 5xx/429;
//   InvalidArgument   any other refusal (invalid_client: the operator's app credentials are wrong;
//                     unauthorized_client, invalid_scope: the app registration) or a malformed answer.
// Messages carry the provider's error code and description (printable, bounded), never a secret.
//
// Thread-safety: reentrant; every call makes its own requests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "idp/idp_provider.h"
#include "net/http_fetch.h"
#include "util/status.h"

namespace mail_mcp {

/// The longest provider access token accepted. Ours carries it, and must still fit in one header line
/// of our HTTP server (8 KB; tests/oauth/upstream_tokens_test.cc checks the arithmetic). Google's tokens
/// are a few hundred characters, Microsoft's Outlook tokens (JWTs) a few thousand at most.
inline constexpr size_t kMaxProviderAccessTokenChars = 4000;

/// A token response.
struct IdpTokens {
  std::string access_token;
  std::string refresh_token;  // "" when the provider sent none (a refresh that does not rotate it)
  std::string id_token;       // "" when none
  int64_t expires_in = 0;     // seconds; 3600 when the provider did not say
};

/// The authorization_code grant, with the PKCE verifier and the exact redirect URI of the request.
StatusOr<IdpTokens> ExchangeIdpCode(const IdpProvider& provider, const std::string& code,
                                    const std::string& code_verifier, const std::string& redirect_uri,
                                    const HttpFetchOptions& options);

/// The refresh_token grant.
StatusOr<IdpTokens> RefreshIdpTokens(const IdpProvider& provider, const std::string& refresh_token,
                                     const HttpFetchOptions& options);

/// The `email` of the userinfo endpoint for `access_token` ("" when it names none).
StatusOr<std::string> FetchIdpUserEmail(const IdpProvider& provider, const std::string& access_token,
                                        const HttpFetchOptions& options);

/// What `generate --oauth-issuer=URL` learns from URL/.well-known/openid-configuration (or, when the
/// provider has none, RFC 8414's /.well-known/oauth-authorization-server): endpoints, whether it sends
/// iss (RFC 9207) and how the token endpoint authenticates clients. The document's issuer must equal
/// `issuer` exactly, every endpoint must be https (or loopback http), and a provider that lists PKCE
/// methods must list S256.
StatusOr<IdpRegistration> DiscoverIdp(const std::string& issuer, const HttpFetchOptions& options);

}  // namespace mail_mcp
