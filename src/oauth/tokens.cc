#include "oauth/tokens.h"

#include <algorithm>
#include <ctime>

#include "crypto/base64.h"
#include "crypto/random.h"
#include "crypto/sha256.h"
#include "util/json_parse.h"

namespace mail_mcp {
namespace {

using picojson::object;
using picojson::value;

value Str(const std::string& s) { return value(s); }
value Int(int64_t n) { return value(n); }

/// Typed reads from decrypted claims. A token that decrypts is ours, so a missing or mistyped claim
/// means a bug or an old format: reported as a malformed token, never a crash.
class ClaimReader {
 public:
  explicit ClaimReader(const object& o) : o_(o) {}
  std::string String(const char* k) {
    auto it = o_.find(k);
    if (it == o_.end() || !it->second.is<std::string>()) return Fail(k), "";
    return it->second.get<std::string>();
  }
  int64_t Integer(const char* k) {
    auto it = o_.find(k);
    if (it == o_.end() || !it->second.is<int64_t>()) return Fail(k), 0;
    return it->second.get<int64_t>();
  }
  bool Bool(const char* k) {
    auto it = o_.find(k);
    if (it == o_.end() || !it->second.is<bool>()) return Fail(k), false;
    return it->second.get<bool>();
  }
  std::vector<std::string> Strings(const char* k) {
    std::vector<std::string> out;
    auto it = o_.find(k);
    if (it == o_.end() || !it->second.is<picojson::array>()) return Fail(k), out;
    for (const value& v : it->second.get<picojson::array>()) {
      if (!v.is<std::string>()) return Fail(k), out;
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  /// Reads claim `k` into `v` by its type (the visitor form ServerClaims and AccountClaims call).
  void operator()(const char* k, std::string& v) { v = String(k); }
  void operator()(const char* k, int& v) { v = int(Integer(k)); }
  void operator()(const char* k, bool& v) { v = Bool(k); }
  bool Has(const char* k) const { return o_.count(k) != 0; }
  Status status() const {
    return missing_.empty() ? Status::OK() : Status::InvalidArgument("token is malformed (claim " + missing_ + ")");
  }

 private:
  void Fail(const char* k) {
    if (missing_.empty()) missing_ = k;
  }
  const object& o_;
  std::string missing_;
};

/// Writes a claim by its type (the visitor form ServerClaims and AccountClaims call).
struct ClaimWriter {
  object& o;
  void operator()(const char* k, const std::string& v) const { o[k] = Str(v); }
  void operator()(const char* k, int v) const { o[k] = Int(v); }
  void operator()(const char* k, bool v) const { o[k] = value(v); }
};

/// The claims a MailServers travels as, in one list that writing (const `s`, a ClaimWriter) and
/// reading (a ClaimReader) both walk, so the two cannot drift apart.
template <typename Servers, typename Visit>
void ServerClaims(Servers& s, Visit&& visit) {
  visit("imap_host", s.imap_host);
  visit("imap_port", s.imap_port);
  visit("imap_ssl", s.imap_ssl);
  visit("smtp_host", s.smtp_host);
  visit("smtp_port", s.smtp_port);
  visit("smtp_ssl", s.smtp_ssl);
}

/// The same for a MailAccount: its servers, credentials and identity.
template <typename Account, typename Visit>
void AccountClaims(Account& a, Visit&& visit) {
  ServerClaims(a.servers, visit);
  visit("imap_username", a.imap_username);
  visit("imap_password", a.imap_password);
  visit("smtp_username", a.smtp_username);
  visit("smtp_password", a.smtp_password);
  visit("email", a.email);
  visit("full_name", a.full_name);
}

/// The claims of a provider-OAuth client (IdpRegistration), present only for such clients: "idp" names
/// the kind, and a generic provider adds its endpoints. The presets seal nothing else (this build knows
/// their endpoints).
void WriteIdpClaims(const IdpRegistration& idp, object& o) {
  if (!idp.enabled()) return;
  o["idp"] = Str(IdpKindName(idp.kind));
  if (idp.kind != IdpKind::kGeneric) return;
  o["idp_iss"] = Str(idp.issuer);
  o["idp_authorize"] = Str(idp.authorization_endpoint);
  o["idp_token"] = Str(idp.token_endpoint);
  o["idp_userinfo"] = Str(idp.userinfo_endpoint);
  o["idp_scopes"] = Str(idp.scopes);
  o["idp_iss_param"] = value(idp.iss_parameter_supported);
  o["idp_basic"] = value(idp.client_secret_basic);
}

Status ReadIdpClaims(ClaimReader& r, IdpRegistration& idp) {
  if (!r.Has("idp")) return Status::OK();
  auto kind = IdpKindFromName(r.String("idp"));
  if (!kind || *kind == IdpKind::kNone) return Status::InvalidArgument("token is malformed (claim idp)");
  idp.kind = *kind;
  if (idp.kind != IdpKind::kGeneric) return Status::OK();
  idp.issuer = r.String("idp_iss");
  idp.authorization_endpoint = r.String("idp_authorize");
  idp.token_endpoint = r.String("idp_token");
  idp.userinfo_endpoint = r.String("idp_userinfo");
  idp.scopes = r.String("idp_scopes");
  idp.iss_parameter_supported = r.Bool("idp_iss_param");
  idp.client_secret_basic = r.Bool("idp_basic");
  return Status::OK();
}

/// What a code, an access and a refresh token all carry besides the standard claims Seal adds: the
/// account, the client it was issued to and the scopes granted; for an OAuth account also the
/// provider's access token ("bearer"), its expiry ("uexp") and, in codes and refresh tokens, the
/// provider's refresh token ("urt"). Tokens of password accounts carry none of the three.
object SessionClaims(const MailAccount& account, const std::string& client_fingerprint, const ScopeSet& scopes,
                     const UpstreamGrant& upstream) {
  object o;
  AccountClaims(account, ClaimWriter{o});
  o["cid"] = Str(client_fingerprint);
  o["scope"] = Str(scopes.ToString());
  if (account.UsesBearerToken()) {
    o["bearer"] = Str(account.bearer_token);
    o["uexp"] = Int(upstream.access_expires_at);
    if (!upstream.refresh_token.empty()) o["urt"] = Str(upstream.refresh_token);
  }
  return o;
}

/// Reads SessionClaims back, with the token's own id and expiry (AuthorizationGrant, SessionToken).
template <typename Token>
void ReadSessionClaims(ClaimReader& r, Token& t) {
  AccountClaims(t.account, r);
  t.client_fingerprint = r.String("cid");
  t.jti = r.String("jti");
  t.expires_at = r.Integer("exp");
  if (r.Has("bearer")) {
    t.account.bearer_token = r.String("bearer");
    t.upstream.access_expires_at = r.Integer("uexp");
    if (r.Has("urt")) t.upstream.refresh_token = r.String("urt");
  }
}

}  // namespace

const char* TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kClientId:
      return "client_id";
    case TokenKind::kCode:
      return "code";
    case TokenKind::kAccess:
      return "access";
    case TokenKind::kRefresh:
      return "refresh";
    case TokenKind::kSignInState:
      return "signin_state";
  }
  return "unknown";
}

std::string ClientFingerprint(std::string_view client_id) { return Base64UrlEncode(Sha256(client_id)).substr(0, 22); }

TokenService::TokenService(std::string key, std::string issuer, std::function<int64_t()> clock, ScopeSet legacy_scopes)
    : jwe_(std::move(key)),
      issuer_(std::move(issuer)),
      clock_(std::move(clock)),
      legacy_scopes_(std::move(legacy_scopes)) {}

StatusOr<ScopeSet> TokenService::ReadScopes(const object& claims) const {
  auto it = claims.find("scope");
  if (it == claims.end()) return legacy_scopes_;
  if (!it->second.is<std::string>()) return Status::InvalidArgument("token is malformed (claim scope)");
  auto scopes = ScopeSet::Parse(it->second.get<std::string>());
  if (!scopes.ok()) return Status::InvalidArgument("token is malformed (claim scope)");
  return scopes;
}

StatusOr<SessionToken> TokenService::ReadSession(StatusOr<object> claims) const {
  if (!claims.ok()) return claims.status();
  ClaimReader r(*claims);
  SessionToken t;
  ReadSessionClaims(r, t);
  if (Status s = r.status(); !s.ok()) return s;
  auto scopes = ReadScopes(*claims);
  if (!scopes.ok()) return scopes.status();
  t.scopes = std::move(*scopes);
  return t;
}

int64_t TokenService::Now() const { return clock_ ? clock_() : int64_t(std::time(nullptr)); }

std::string TokenService::Audience(TokenKind kind) const {
  switch (kind) {
    case TokenKind::kClientId:
      return issuer_;  // the authorization server itself
    case TokenKind::kCode:
      return issuer_ + "/oauth/token";  // only the token endpoint redeems codes
    case TokenKind::kRefresh:
      return issuer_ + "/oauth/token";
    case TokenKind::kAccess:
      return McpAudience();  // the protected resource
    case TokenKind::kSignInState:
      return issuer_ + "/oauth/upstream/callback";  // only our callback from the provider
  }
  return issuer_;
}

StatusOr<std::string> TokenService::Seal(TokenKind kind, object claims, int64_t lifetime) const {
  int64_t now = Now();
  claims["typ"] = Str(TokenKindName(kind));
  claims["iss"] = Str(issuer_);
  claims["aud"] = Str(Audience(kind));
  claims["iat"] = Int(now);
  if (lifetime > 0) claims["exp"] = Int(now + lifetime);
  claims["jti"] = Str(Base64UrlEncode(RandomBytesOrDie(16)));
  return jwe_.Encrypt(value(claims).serialize());
}

StatusOr<object> TokenService::Open(std::string_view token, TokenKind kind) const {
  auto plain = jwe_.Decrypt(token);
  if (!plain.ok()) {
    if (plain.status().code() == Status::Code::kUnauthenticated)
      return Status::Unauthenticated("token is invalid: it was not issued with this server's key or was altered");
    return Status::Unauthenticated("token is invalid: " + plain.status().message());
  }
  auto v = ParseJson(*plain);
  if (!v.ok() || !v->is<object>()) return Status::Unauthenticated("token is invalid: its claims are not a JSON object");
  object claims = v->get<object>();
  auto str = [&](const char* k) {
    auto it = claims.find(k);
    return it != claims.end() && it->second.is<std::string>() ? it->second.get<std::string>() : std::string();
  };
  if (auto exp = claims.find("exp"); exp != claims.end()) {
    if (!exp->second.is<int64_t>()) return Status::Unauthenticated("token is invalid: exp is not a number");
    if (Now() >= exp->second.get<int64_t>()) return Status::Expired("token has expired");
  }
  if (str("iss") != issuer_) return Status::Unauthenticated("token was issued by another server (wrong issuer)");
  if (str("aud") != Audience(kind)) return Status::Unauthenticated("token is meant for another audience");
  if (str("typ") != TokenKindName(kind))
    return Status::Unauthenticated("token is of the wrong kind: expected " + std::string(TokenKindName(kind)) +
                                   ", got " + (str("typ").empty() ? "none" : str("typ")));
  if (kind != TokenKind::kClientId && !claims.count("exp"))
    return Status::Unauthenticated("token is invalid: it has no expiry");
  return claims;
}

StatusOr<std::string> TokenService::IssueClientId(const ClientRegistration& client) const {
  object o;
  ServerClaims(client.servers, ClaimWriter{o});
  o["cs"] = Str(client.client_secret);
  picojson::array uris;
  for (const auto& u : client.redirect_uris) uris.push_back(Str(u));
  o["redirect_uris"] = value(uris);
  o["scope"] = Str(client.scopes.ToString());
  if (!client.name.empty()) o["name"] = Str(client.name);
  WriteIdpClaims(client.idp, o);
  return Seal(TokenKind::kClientId, std::move(o), 0);
}

StatusOr<ClientRegistration> TokenService::OpenClientId(std::string_view token) const {
  auto claims = Open(token, TokenKind::kClientId);
  if (!claims.ok()) return claims.status();
  ClaimReader r(*claims);
  ClientRegistration c;
  ServerClaims(c.servers, r);
  c.client_secret = r.String("cs");
  c.redirect_uris = r.Strings("redirect_uris");
  if (Status s = ReadIdpClaims(r, c.idp); !s.ok()) return s;
  if (Status s = r.status(); !s.ok()) return s;
  auto scopes = ReadScopes(*claims);
  if (!scopes.ok()) return scopes.status();
  c.scopes = std::move(*scopes);
  // Optional: clients provisioned without --name (or before names existed) have none.
  if (auto name = claims->find("name"); name != claims->end() && name->second.is<std::string>())
    c.name = name->second.get<std::string>();
  return c;
}

StatusOr<std::string> TokenService::IssueCode(const AuthorizationGrant& grant) const {
  object o = SessionClaims(grant.account, grant.client_fingerprint, grant.scopes, grant.upstream);
  o["code_challenge"] = Str(grant.code_challenge);
  o["redirect_uri"] = Str(grant.redirect_uri);
  return Seal(TokenKind::kCode, std::move(o), kCodeLifetime);
}

StatusOr<AuthorizationGrant> TokenService::OpenCode(std::string_view token) const {
  auto claims = Open(token, TokenKind::kCode);
  if (!claims.ok()) return claims.status();
  ClaimReader r(*claims);
  AuthorizationGrant g;
  ReadSessionClaims(r, g);
  g.code_challenge = r.String("code_challenge");
  g.redirect_uri = r.String("redirect_uri");
  if (Status s = r.status(); !s.ok()) return s;
  auto scopes = ReadScopes(*claims);
  if (!scopes.ok()) return scopes.status();
  g.scopes = std::move(*scopes);
  return g;
}

StatusOr<std::string> TokenService::IssueAccessToken(const MailAccount& account, const std::string& client_fingerprint,
                                                     const ScopeSet& scopes, const UpstreamGrant& upstream) const {
  /// An access token never needs the provider's refresh token: only our refresh token carries it.
  UpstreamGrant expiry_only{"", upstream.access_expires_at};
  const int64_t lifetime = account.UsesBearerToken() ? AccessLifetime(upstream) : kAccessLifetime;
  return Seal(TokenKind::kAccess, SessionClaims(account, client_fingerprint, scopes, expiry_only), lifetime);
}

int64_t TokenService::AccessLifetime(const UpstreamGrant& upstream) const {
  const int64_t remaining = upstream.access_expires_at - Now();
  /// The margin covers clock skew and the time a tool call takes; a short-lived token (a provider
  /// handing out minutes) keeps three quarters of its life rather than none.
  const int64_t margin = std::min<int64_t>(60, remaining / 4);
  return std::clamp<int64_t>(remaining - margin, 1, kAccessLifetime);
}

StatusOr<SessionToken> TokenService::OpenAccessToken(std::string_view token) const {
  return ReadSession(Open(token, TokenKind::kAccess));
}

StatusOr<std::string> TokenService::IssueRefreshToken(const MailAccount& account, const std::string& client_fingerprint,
                                                      const ScopeSet& scopes, const UpstreamGrant& upstream) const {
  return Seal(TokenKind::kRefresh, SessionClaims(account, client_fingerprint, scopes, upstream), kRefreshLifetime);
}

StatusOr<SessionToken> TokenService::OpenRefreshToken(std::string_view token) const {
  return ReadSession(Open(token, TokenKind::kRefresh));
}

namespace {

/// The claims of a sign-in state, in one list that writing and reading both walk (as AccountClaims).
template <typename State, typename Visit>
void SignInClaims(State& s, Visit&& visit) {
  ServerClaims(s.servers, visit);
  visit("cid", s.client_fingerprint);
  visit("redirect_uri", s.redirect_uri);
  visit("state", s.state);
  visit("code_challenge", s.code_challenge);
  visit("resource", s.resource);
  visit("pkce", s.code_verifier);
}

}  // namespace

StatusOr<std::string> TokenService::IssueSignInState(const SignInState& state) const {
  object o;
  SignInClaims(state, ClaimWriter{o});
  WriteIdpClaims(state.idp, o);
  o["scope"] = Str(state.scopes.ToString());
  return Seal(TokenKind::kSignInState, std::move(o), kSignInStateLifetime);
}

StatusOr<SignInState> TokenService::OpenSignInState(std::string_view token) const {
  auto claims = Open(token, TokenKind::kSignInState);
  if (!claims.ok()) return claims.status();
  ClaimReader r(*claims);
  SignInState s;
  SignInClaims(s, r);
  if (Status st = ReadIdpClaims(r, s.idp); !st.ok()) return st;
  s.jti = r.String("jti");
  s.expires_at = r.Integer("exp");
  if (Status st = r.status(); !st.ok()) return st;
  auto scopes = ReadScopes(*claims);
  if (!scopes.ok()) return scopes.status();
  s.scopes = std::move(*scopes);
  return s;
}

}  // namespace mail_mcp
