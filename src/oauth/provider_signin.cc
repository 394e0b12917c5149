#include "oauth/provider_signin.h"

#include "crypto/base64.h"
#include "crypto/pkce.h"
#include "crypto/random.h"
#include "idp/id_token.h"
#include "idp/idp_tokens.h"

namespace mail_mcp {
namespace {

constexpr size_t kMaxCallbackParam = 8192;

std::string One(const ParamMap& query, const char* name) {
  auto it = query.find(name);
  return it == query.end() || query.count(name) > 1 ? "" : it->second.substr(0, kMaxCallbackParam);
}

/// Printable ASCII, bounded: the provider's words go on a page for the person.
std::string Printable(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= 300) return out + "...";
    if (c >= 0x20 && c < 0x7f) out += c;
  }
  return out;
}

ProviderCallback Problem(ProviderCallback cb, int status, std::string title, std::string message) {
  cb.signed_in = false;
  cb.http_status = status;
  cb.title = std::move(title);
  cb.message = std::move(message);
  return cb;
}

/// RFC 9207's iss of the authorization response; for Microsoft the tenant is the iss's own path.
bool AuthorizationIssuerMatches(const IdpProvider& provider, const std::string& iss) {
  std::string tid;
  if (provider.issuer_rule == IssuerRule::kMicrosoftTenant) {
    constexpr char kPrefix[] = "https://login.microsoftonline.com/";
    const size_t slash = iss.find('/', sizeof kPrefix - 1);
    if (iss.rfind(kPrefix, 0) == 0 && slash != std::string::npos)
      tid = iss.substr(sizeof kPrefix - 1, slash - (sizeof kPrefix - 1));
  }
  return IssuerMatches(provider, iss, tid);
}

/// The provider's error=… in words for the person (RFC 6749 §4.1.2.1 codes; anything else as sent).
std::string ProviderErrorMessage(const std::string& provider, const std::string& error,
                                 const std::string& description) {
  std::string message;
  if (error == "access_denied")
    message = "You cancelled signing in with " + provider + ", or did not allow access to your mailbox.";
  else if (error == "consent_required" || error == "interaction_required" || error == "login_required")
    message = provider + " needs you to sign in and allow access again.";
  else if (error == "invalid_scope" || error == "unauthorized_client")
    message = provider + " refused the permissions this server asks for (" + Printable(error) +
              "): the server's app registration at " + provider + " does not allow them.";
  else if (error == "temporarily_unavailable" || error == "server_error")
    message = provider + " could not sign you in just now (" + Printable(error) + "). Try again in a moment.";
  else message = provider + " could not sign you in (" + Printable(error) + ").";
  if (!description.empty()) message += " " + provider + " said: " + Printable(description);
  return message;
}

}  // namespace

StatusOr<std::string> StartProviderSignIn(const AuthorizeCheck& check, const ScopeSet& granted,
                                          const IdpProvider& provider, const TokenService& tokens,
                                          const std::string& callback_url) {
  SignInState state;
  const AuthorizeRequest& r = check.request;
  state.client_fingerprint = ClientFingerprint(r.client_id);
  state.servers = check.client.servers;
  state.idp = check.client.idp;
  state.redirect_uri = r.redirect_uri;
  state.state = r.state;
  state.code_challenge = r.code_challenge;
  state.scopes = granted;
  state.resource = r.resource;
  /// 32 random bytes: a 43-character verifier, the RFC 7636 minimum length and plenty of entropy.
  state.code_verifier = Base64UrlEncode(RandomBytesOrDie(32));
  auto sealed = tokens.IssueSignInState(state);
  if (!sealed.ok()) return sealed.status();
  return IdpAuthorizationUrl(provider, callback_url, *sealed, S256Challenge(state.code_verifier));
}

ProviderCallback FinishProviderSignIn(const ParamMap& query, const ProviderCallbackContext& ctx) {
  ProviderCallback cb;
  const std::string restart = " Start again from your AI assistant.";

  // 1. The state: ours, unexpired, meant for this callback, used once.
  const std::string sealed = One(query, "state");
  if (sealed.empty()) return Problem(cb, 400, "Sign-in failed", "The sign-in response has no state." + restart);
  auto state = ctx.tokens->OpenSignInState(sealed);
  if (!state.ok()) {
    if (state.status().code() == Status::Code::kExpired)
      return Problem(cb, 400, "Sign-in took too long", "This sign-in expired after 10 minutes." + restart);
    return Problem(cb, 400, "Sign-in failed", "This sign-in response was not issued by this server." + restart);
  }
  if (!state->idp.enabled()) return Problem(cb, 400, "Sign-in failed", "The sign-in request is not valid." + restart);
  cb.request = *state;
  cb.have_request = true;
  if (!ctx.used_states->MarkUsed(state->jti, state->expires_at, ctx.now))
    return Problem(cb, 400, "Sign-in already used",
                   "This sign-in response was already used. Each one works once." + restart);

  auto provider = ResolveIdp(state->idp, *ctx.settings);
  if (!provider.ok()) return Problem(cb, 500, "Sign-in is not available", provider.status().message() + ".");
  cb.provider_name = provider->name;

  // 2. The provider's answer: an error for the person, or a code from the right issuer.
  if (std::string error = One(query, "error"); !error.empty())
    return Problem(cb, 400, "Not signed in",
                   ProviderErrorMessage(provider->name, error, One(query, "error_description")));
  const std::string iss = One(query, "iss");
  if (iss.empty() ? provider->requires_iss : !AuthorizationIssuerMatches(*provider, iss))
    return Problem(cb, 400, "Sign-in failed",
                   "The sign-in response did not come from " + provider->name + " (iss does not match)." + restart);
  const std::string code = One(query, "code");
  if (code.empty())
    return Problem(cb, 400, "Sign-in failed", provider->name + " sent no authorization code." + restart);

  // 3. The code, exchanged with our verifier: an injected code was issued for another verifier.
  auto tokens = ExchangeIdpCode(*provider, code, state->code_verifier, ctx.callback_url, ctx.fetch);
  if (!tokens.ok()) {
    const Status& s = tokens.status();
    if (s.code() == Status::Code::kUnavailable)
      return Problem(cb, 502, "Sign-in failed", provider->name + " could not be reached: " + s.message());
    return Problem(cb, 400, "Sign-in failed",
                   provider->name + " did not accept the sign-in: " + s.message() + "." + restart);
  }
  if (tokens->refresh_token.empty())
    return Problem(cb, 400, "Sign-in incomplete",
                   provider->name +
                       " did not grant lasting access (it sent no refresh token), so the assistant would lose access "
                       "within the hour. The server's app registration must be allowed offline access "
                       "(for other providers: the offline_access scope).");

  // 4. Whose mailbox: the ID token, else the userinfo endpoint.
  std::string email, name;
  if (!tokens->id_token.empty()) {
    auto claims = ReadIdToken(tokens->id_token, *provider, ctx.now);
    if (!claims.ok())
      return Problem(cb, 400, "Sign-in failed",
                     provider->name + "'s identity token was not valid: " + claims.status().message() + "." + restart);
    email = claims->email;
    name = claims->name;
  }
  if (email.empty()) {
    auto found = FetchIdpUserEmail(*provider, tokens->access_token, ctx.fetch);
    if (found.ok() && LooksLikeMailAddress(*found)) email = *found;
  }
  if (email.empty())
    return Problem(cb, 400, "Sign-in failed",
                   provider->name + " did not tell which mailbox you signed in to (no email address).");

  cb.signed_in = true;
  MailAccount& a = cb.account;
  a.servers = state->servers;
  a.imap_username = a.smtp_username = a.email = email;
  a.full_name = name;
  a.bearer_token = tokens->access_token;
  cb.upstream = {tokens->refresh_token, ctx.now + tokens->expires_in};
  return cb;
}

}  // namespace mail_mcp
