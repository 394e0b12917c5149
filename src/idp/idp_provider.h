// The identity provider a client signs in with: Google, Microsoft, or any other OAuth 2.0 / OpenID
// provider (the generic form), for mailboxes that accept only OAuth (SASL XOAUTH2/OAUTHBEARER).
//
// mail_mcp is then an OAuth *client* of the provider. Three pieces describe it:
// - IdpRegistration, sealed in our client id by `mail_mcp generate`: which provider; for the generic
//   form also its endpoints, scopes and what its discovery document said. The presets seal only their
//   kind, so their endpoints (and fixes to them) come from this build.
// - IdpSettings, from the operator's environment (Config): the app credentials registered at each
//   provider and Microsoft's tenant. They never travel in a client id.
// - IdpProvider, the two resolved into what one sign-in or refresh needs (ResolveIdp).
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/mail_account.h"
#include "util/status.h"

namespace mail_mcp {

enum class IdpKind { kNone, kGoogle, kMicrosoft, kGeneric };

/// "", "google", "microsoft", "oauth" (the names the client id and `generate --provider` use).
const char* IdpKindName(IdpKind kind);
/// The kind named `name`; nullopt for an unknown name.
std::optional<IdpKind> IdpKindFromName(std::string_view name);

/// What a client id seals about its provider (kind kNone: a password client; the rest is empty).
struct IdpRegistration {
  IdpKind kind = IdpKind::kNone;
  // Generic provider only:
  std::string issuer;                  // "" when unknown (explicit endpoints without --oauth-issuer)
  std::string authorization_endpoint;  // absolute https (or loopback http) URL
  std::string token_endpoint;
  std::string userinfo_endpoint;         // "" when none
  std::string scopes;                    // space-separated, as sent
  bool iss_parameter_supported = false;  // RFC 9207: the provider says it always sends iss
  bool client_secret_basic = false;      // token endpoint client authentication: Basic, else client_secret_post

  bool enabled() const { return kind != IdpKind::kNone; }
};

/// An app registered at a provider.
struct IdpCredentials {
  std::string client_id, client_secret;
  bool configured() const { return !client_id.empty() && !client_secret.empty(); }
};

/// The operator's settings: GOOGLE_CLIENT_ID/SECRET, MICROSOFT_CLIENT_ID/SECRET/TENANT,
/// OAUTH_CLIENT_ID/SECRET (the generic provider).
struct IdpSettings {
  IdpCredentials google, microsoft, generic;
  std::string microsoft_tenant = "common";
};

/// How the provider's `iss` (authorization response, RFC 9207, and ID token) is checked.
enum class IssuerRule {
  kExact,            // equals IdpProvider::issuer
  kGoogle,           // https://accounts.google.com (the ID token may also say accounts.google.com)
  kMicrosoftTenant,  // https://login.microsoftonline.com/<the token's tid>/v2.0 (tenant "common" signs in anyone)
  kUnknown,          // no issuer known: not checked
};

/// One provider, ready for a sign-in or a refresh.
struct IdpProvider {
  IdpKind kind = IdpKind::kNone;
  std::string name;          // "Google", "Microsoft", or the issuer's (or token endpoint's) host
  std::string account_hint;  // which accounts work, for the sign-in page
  std::string issuer;
  IssuerRule issuer_rule = IssuerRule::kExact;
  bool requires_iss = false;  // the authorization response must carry iss
  std::string authorization_endpoint, token_endpoint, userinfo_endpoint;
  std::string scopes;
  std::vector<std::pair<std::string, std::string>> extra_authorize_params;
  bool client_secret_basic = false;
  IdpCredentials credentials;
};

/// `registration` with the operator's `settings`. InvalidArgument naming the variables to set when
/// this provider's app credentials are missing.
StatusOr<IdpProvider> ResolveIdp(const IdpRegistration& registration, const IdpSettings& settings);

/// Whether `iss` is an issuer `provider` may use; `tid` is the ID token's tenant (Microsoft), or "".
bool IssuerMatches(const IdpProvider& provider, const std::string& iss, const std::string& tid);

/// The provider's authorization URL for one sign-in: response_type=code, our client id, the exact
/// callback, the scopes, `state`, PKCE S256 `code_challenge`, and the provider's extra parameters.
std::string IdpAuthorizationUrl(const IdpProvider& provider, const std::string& redirect_uri, const std::string& state,
                                const std::string& code_challenge);

/// The mail servers of a preset (`generate --provider=google|microsoft`); empty hosts for other kinds.
MailServers PresetMailServers(IdpKind kind);

/// Checks MICROSOFT_TENANT's value: common, organizations, consumers, a tenant id or a domain name.
Status CheckMicrosoftTenant(const std::string& tenant);

}  // namespace mail_mcp
