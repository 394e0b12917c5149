#include "oauth/token_endpoint.h"

#include <picojson.h>

#include <ctime>
#include <optional>

#include "crypto/base64.h"
#include "crypto/constant_time.h"
#include "crypto/pkce.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

TokenReply Error(int status, const char* error, const std::string& description) {
  picojson::object o;
  o["error"] = picojson::value(error);
  o["error_description"] = picojson::value(description);
  return TokenReply{status, picojson::value(o).serialize(), false};
}

/// The single value of `name`, "" when absent; `repeated` is set when it occurs more than once.
std::string One(const ParamMap& form, const char* name, bool* repeated) {
  auto n = form.count(name);
  if (n > 1) *repeated = true;
  return n ? form.find(name)->second : "";
}

struct ClientCredentials {
  std::string id, secret;
  bool basic = false;
};

}  // namespace

TokenEndpoint::TokenEndpoint(const TokenService* tokens, UsedCodes* used_codes, std::string resource,
                             std::function<int64_t()> clock, UpstreamRefresher refresher)
    : tokens_(tokens),
      used_codes_(used_codes),
      resource_(std::move(resource)),
      clock_(std::move(clock)),
      refresher_(std::move(refresher)) {}

int64_t TokenEndpoint::Now() const { return clock_ ? clock_() : int64_t(std::time(nullptr)); }

TokenReply TokenEndpoint::Handle(const ParamMap& form, const std::string& authorization) const {
  bool repeated = false;
  for (const auto& [name, value] : form) {
    (void)value;
    if (form.count(name) > 1) repeated = true;
  }
  if (repeated) return Error(400, "invalid_request", "a parameter is repeated");

  // Client authentication: exactly one method.
  ClientCredentials cred;
  std::string form_id = One(form, "client_id", &repeated), form_secret = One(form, "client_secret", &repeated);
  if (!authorization.empty()) {
    if (!StartsWithIgnoreCase(authorization, "Basic "))
      return Error(401, "invalid_client", "unsupported Authorization scheme (use Basic)");
    auto decoded = Base64Decode(authorization.substr(6));
    size_t colon = decoded ? decoded->find(':') : std::string::npos;
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
    std::optional<std::string> id, secret;
    if (colon != std::string::npos) {
      id = PercentDecode(decoded->substr(0, colon), true);
      secret = PercentDecode(decoded->substr(colon + 1), true);
    }
    if (!id || !secret) {
      TokenReply r = Error(401, "invalid_client", "malformed Basic credentials");
      r.basic_challenge = true;
      return r;
    }
    if (!form_secret.empty())
      return Error(400, "invalid_request", "use one client authentication method, not both Basic and client_secret");
    if (!form_id.empty() && form_id != *id)
      return Error(400, "invalid_request", "client_id in the form differs from the Basic credentials");
    cred = {*id, *secret, true};
  } else {
    if (form_id.empty()) return Error(401, "invalid_client", "client authentication is required");
    cred = {form_id, form_secret, false};
  }
  auto fail_client = [&](const std::string& why) {
    TokenReply r = Error(401, "invalid_client", why);
    r.basic_challenge = cred.basic;
    return r;
  };
  auto client = tokens_->OpenClientId(cred.id);
  if (!client.ok()) return fail_client("unknown client");
  if (cred.secret.empty() || !ConstantTimeEquals(cred.secret, client->client_secret))
    return fail_client("client authentication failed");

  std::string grant_type = One(form, "grant_type", &repeated);
  if (grant_type.empty()) return Error(400, "invalid_request", "grant_type is required");
  std::string resource = One(form, "resource", &repeated);
  if (!resource.empty() && resource != resource_) return Error(400, "invalid_target", "resource must be " + resource_);
  if (grant_type == "authorization_code") return AuthorizationCode(form, cred.id);
  if (grant_type == "refresh_token") return RefreshToken(form, cred.id, *client);
  return Error(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
}

TokenReply TokenEndpoint::AuthorizationCode(const ParamMap& form, const std::string& client_id) const {
  bool repeated = false;
  std::string code = One(form, "code", &repeated);
  std::string redirect_uri = One(form, "redirect_uri", &repeated);
  std::string verifier = One(form, "code_verifier", &repeated);
  if (code.empty()) return Error(400, "invalid_request", "code is required");
  if (verifier.empty()) return Error(400, "invalid_request", "code_verifier is required (PKCE)");
  auto grant = tokens_->OpenCode(code);
  if (!grant.ok()) {
    bool expired = grant.status().code() == Status::Code::kExpired;
    return Error(400, "invalid_grant",
                 expired ? "the authorization code has expired" : "the authorization code is invalid");
  }
  if (grant->client_fingerprint != ClientFingerprint(client_id))
    return Error(400, "invalid_grant", "the authorization code was issued to another client");
  if (redirect_uri != grant->redirect_uri)
    return Error(400, "invalid_grant", "redirect_uri does not match the authorization request");
  if (!VerifyS256(verifier, grant->code_challenge))
    return Error(400, "invalid_grant", "code_verifier does not match the code_challenge");
  if (!used_codes_->MarkUsed(grant->jti, grant->expires_at, Now()))
    return Error(400, "invalid_grant", "the authorization code has already been used");
  return Issue(grant->account, grant->client_fingerprint, grant->scopes, grant->scopes, grant->upstream);
}

TokenReply TokenEndpoint::RefreshToken(const ParamMap& form, const std::string& client_id,
                                       const ClientRegistration& client) const {
  bool repeated = false;
  std::string refresh = One(form, "refresh_token", &repeated);
  if (refresh.empty()) return Error(400, "invalid_request", "refresh_token is required");
  auto session = tokens_->OpenRefreshToken(refresh);
  if (!session.ok()) {
    bool expired = session.status().code() == Status::Code::kExpired;
    return Error(400, "invalid_grant", expired ? "the refresh token has expired" : "the refresh token is invalid");
  }
  if (session->client_fingerprint != ClientFingerprint(client_id))
    return Error(400, "invalid_grant", "the refresh token was issued to another client");
  ScopeSet access_scopes = session->scopes;
  if (form.count("scope")) {
    auto asked = ScopeSet::Parse(One(form, "scope", &repeated));
    if (!asked.ok()) return Error(400, "invalid_scope", "scope is malformed");
    if (!session->scopes.Includes(*asked))
      return Error(400, "invalid_scope", "scope asks for more than was granted; sign in again to grant more");
    // An empty scope parameter is no request for a narrower grant.
    if (!asked->empty()) access_scopes = std::move(*asked);
  }
  if (!session->account.UsesBearerToken())
    return Issue(session->account, session->client_fingerprint, session->scopes, access_scopes, session->upstream);

  // An OAuth account: the provider's tokens are renewed first (see the header).
  if (!refresher_) return Error(500, "server_error", "sign-in with the mail provider is not available");
  auto renewed = refresher_(*session, client);
  if (!renewed.ok()) {
    const Status& s = renewed.status();
    if (s.code() == Status::Code::kUnauthenticated)
      return Error(400, "invalid_grant", "the mail provider no longer accepts this sign-in: " + s.message());
    if (s.code() == Status::Code::kUnavailable)
      return Error(503, "temporarily_unavailable", "the mail provider could not be reached: " + s.message());
    return Error(500, "server_error", "the mail provider refused to renew the sign-in: " + s.message());
  }
  return Issue(renewed->account, session->client_fingerprint, session->scopes, access_scopes, renewed->upstream);
}

TokenReply TokenEndpoint::Issue(const MailAccount& account, const std::string& fingerprint, const ScopeSet& grant,
                                const ScopeSet& access_scopes, const UpstreamGrant& upstream) const {
  auto access = tokens_->IssueAccessToken(account, fingerprint, access_scopes, upstream);
  auto refresh = tokens_->IssueRefreshToken(account, fingerprint, grant, upstream);
  if (!access.ok() || !refresh.ok()) return Error(500, "server_error", "could not issue tokens");
  const int64_t lifetime =
      account.UsesBearerToken() ? tokens_->AccessLifetime(upstream) : int64_t(TokenService::kAccessLifetime);
  picojson::object o;
  o["access_token"] = picojson::value(*access);
  o["token_type"] = picojson::value("Bearer");
  o["expires_in"] = picojson::value(lifetime);
  o["refresh_token"] = picojson::value(*refresh);
  o["scope"] = picojson::value(access_scopes.ToString());
  return TokenReply{200, picojson::value(o).serialize(), false};
}

}  // namespace mail_mcp
