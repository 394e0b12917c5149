#include "idp/idp_tokens.h"

#include <algorithm>

#include "crypto/base64.h"
#include "net/sasl_bearer.h"
#include "util/ascii.h"
#include "util/json_parse.h"
#include "util/url.h"
#include "util/url_encoding.h"

namespace mail_mcp {
namespace {

constexpr char kWhat[] = "OAuth";
constexpr size_t kMaxProviderText = 300;

/// Printable, bounded text from the provider, for messages.
std::string Printable(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= kMaxProviderText) return out + "...";
    if (c >= 0x20 && c < 0x7f) out += c;
  }
  return out;
}

std::string StringMember(const picojson::object& o, const char* name) {
  auto it = o.find(name);
  return it != o.end() && it->second.is<std::string>() ? it->second.get<std::string>() : "";
}

/// RFC 6749 §5.2 error reply -> Status (see the header).
Status TokenError(const HttpFetchReply& reply, const IdpProvider& provider) {
  auto o = ParseJsonObject(reply.body);
  const std::string error = o.ok() ? Printable(StringMember(*o, "error")) : "";
  const std::string description = o.ok() ? Printable(StringMember(*o, "error_description")) : "";
  std::string what = provider.name + " refused: " + (error.empty() ? "HTTP " + std::to_string(reply.status) : error);
  if (!description.empty()) what += " (" + description + ")";
  if (error == "invalid_grant") return Status::Unauthenticated(what);
  if (reply.status >= 500 || reply.status == 429) return Status::Unavailable(what);
  if (error == "invalid_client")
    return Status::InvalidArgument(what + "; check this server's client id and secret for " + provider.name);
  return Status::InvalidArgument(what);
}

StatusOr<IdpTokens> TokenRequest(const IdpProvider& provider, std::vector<std::pair<std::string, std::string>> form,
                                 const HttpFetchOptions& options) {
  HttpFetchRequest request;
  request.method = "POST";
  request.url = provider.token_endpoint;
  request.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
  const IdpCredentials& app = provider.credentials;
  if (provider.client_secret_basic) {
    /// RFC 6749 §2.3.1: each part form-urlencoded before the Basic encoding.
    request.headers.push_back("Authorization: Basic " +
                              Base64Encode(PercentEncode(app.client_id) + ":" + PercentEncode(app.client_secret)));
  } else {
    form.emplace_back("client_id", app.client_id);
    form.emplace_back("client_secret", app.client_secret);
  }
  request.body = EncodeParams(form);
  auto reply = HttpFetch(request, options, kWhat);
  if (!reply.ok()) return reply.status();
  if (reply->status != 200) return TokenError(*reply, provider);

  auto o = ParseJsonObject(reply->body);
  if (!o.ok()) return Status::InvalidArgument(provider.name + " answered the token request with no JSON object");
  IdpTokens tokens;
  tokens.access_token = StringMember(*o, "access_token");
  tokens.refresh_token = StringMember(*o, "refresh_token");
  tokens.id_token = StringMember(*o, "id_token");
  if (std::string type = StringMember(*o, "token_type"); type.size() != 6 || !EqualsIgnoreCase(type, "bearer"))
    return Status::InvalidArgument(provider.name + " issued a token that is not a bearer token");
  /// The access token is sent in SASL messages and the refresh token back in forms: both must be plain
  /// b64token text (RFC 6750 §2.1), which also rules out anything that could break a SASL exchange.
  if (!CheckBearerLogin("x", tokens.access_token).ok())
    return Status::InvalidArgument(provider.name + " issued an access token that is not a bearer token");
  if (tokens.access_token.size() > kMaxProviderAccessTokenChars)
    return Status::InvalidArgument(provider.name + " issued an access token longer than " +
                                   std::to_string(kMaxProviderAccessTokenChars) +
                                   " characters, which this server cannot carry");
  if (tokens.refresh_token.size() > 4096 ||
      (!tokens.refresh_token.empty() && !CheckBearerLogin("x", tokens.refresh_token).ok()))
    return Status::InvalidArgument(provider.name + " issued a malformed refresh token");
  tokens.expires_in = 3600;
  if (auto e = o->find("expires_in"); e != o->end()) {
    /// A number, or (some providers) a string of digits; anything else is ignored.
    int64_t n = 0;
    if (e->second.is<int64_t>()) n = e->second.get<int64_t>();
    else if (e->second.is<std::string>() && AllDigits(e->second.get<std::string>()) &&
             e->second.get<std::string>().size() < 10)
      n = std::stoll(e->second.get<std::string>());
    if (n > 0) tokens.expires_in = std::min<int64_t>(n, 366 * 86400);
  }
  return tokens;
}

/// An endpoint from a discovery document: https, or http to loopback (a local test provider).
StatusOr<std::string> Endpoint(const picojson::object& doc, const char* name, bool required) {
  std::string url = StringMember(doc, name);
  if (url.empty()) {
    if (required) return Status::InvalidArgument(std::string("the discovery document has no ") + name);
    return url;
  }
  auto u = ParseHttpUrl(url);
  if (!u || u->has_fragment || (u->scheme != "https" && !IsLoopbackHost(u->host)))
    return Status::InvalidArgument(std::string("the discovery document's ") + name + " is not an https URL");
  return url;
}

bool ListIncludes(const picojson::object& doc, const char* name, const char* value) {
  auto it = doc.find(name);
  if (it == doc.end() || !it->second.is<picojson::array>()) return false;
  for (const picojson::value& v : it->second.get<picojson::array>())
    if (v.is<std::string>() && v.get<std::string>() == value) return true;
  return false;
}

}  // namespace

StatusOr<IdpTokens> ExchangeIdpCode(const IdpProvider& provider, const std::string& code,
                                    const std::string& code_verifier, const std::string& redirect_uri,
                                    const HttpFetchOptions& options) {
  return TokenRequest(provider,
                      {{"grant_type", "authorization_code"},
                       {"code", code},
                       {"redirect_uri", redirect_uri},
                       {"code_verifier", code_verifier}},
                      options);
}

StatusOr<IdpTokens> RefreshIdpTokens(const IdpProvider& provider, const std::string& refresh_token,
                                     const HttpFetchOptions& options) {
  return TokenRequest(provider, {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}}, options);
}

StatusOr<std::string> FetchIdpUserEmail(const IdpProvider& provider, const std::string& access_token,
                                        const HttpFetchOptions& options) {
  if (provider.userinfo_endpoint.empty()) return std::string();
  HttpFetchRequest request;
  request.url = provider.userinfo_endpoint;
  request.headers = {"Authorization: Bearer " + access_token, "Accept: application/json"};
  auto reply = HttpFetch(request, options, kWhat);
  if (!reply.ok()) return reply.status();
  if (reply->status != 200)
    return Status::Unavailable(provider.name + "'s userinfo endpoint answered HTTP " + std::to_string(reply->status));
  auto o = ParseJsonObject(reply->body);
  if (!o.ok()) return Status::InvalidArgument(provider.name + "'s userinfo endpoint answered with no JSON object");
  auto verified = o->find("email_verified");
  if (verified != o->end() && verified->second.is<bool>() && !verified->second.get<bool>()) return std::string();
  return StringMember(*o, "email");
}

StatusOr<IdpRegistration> DiscoverIdp(const std::string& issuer, const HttpFetchOptions& options) {
  auto u = ParseHttpUrl(issuer);
  if (!u || u->has_query || u->has_fragment || (u->scheme != "https" && !IsLoopbackHost(u->host)))
    return Status::InvalidArgument("the issuer must be an https URL without a query or fragment");
  /// OIDC Discovery appends to the issuer's path; RFC 8414 inserts before it. Try both.
  std::string base = issuer;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string origin = u->Origin(), path = u->path == "/" ? "" : u->path;
  std::string tried;
  for (const std::string& url :
       {base + "/.well-known/openid-configuration", origin + "/.well-known/oauth-authorization-server" + path}) {
    auto reply = HttpFetch(HttpFetchRequest{"GET", url, {"Accept: application/json"}, ""}, options, kWhat);
    if (!reply.ok()) return reply.status();
    if (reply->status == 404) {
      tried += (tried.empty() ? "" : ", ") + url;
      continue;
    }
    if (reply->status != 200) return Status::Unavailable(url + " answered HTTP " + std::to_string(reply->status));
    auto doc = ParseJsonObject(reply->body);
    if (!doc.ok()) return Status::InvalidArgument(url + " is not a JSON object");
    if (StringMember(*doc, "issuer") != issuer)
      return Status::InvalidArgument("the discovery document names another issuer: '" +
                                     Printable(StringMember(*doc, "issuer")) + "' (give exactly that)");
    IdpRegistration r;
    r.kind = IdpKind::kGeneric;
    r.issuer = issuer;
    auto authorize = Endpoint(*doc, "authorization_endpoint", true);
    if (!authorize.ok()) return authorize.status();
    auto token = Endpoint(*doc, "token_endpoint", true);
    if (!token.ok()) return token.status();
    auto userinfo = Endpoint(*doc, "userinfo_endpoint", false);
    if (!userinfo.ok()) return userinfo.status();
    r.authorization_endpoint = *authorize;
    r.token_endpoint = *token;
    r.userinfo_endpoint = *userinfo;
    auto iss = doc->find("authorization_response_iss_parameter_supported");
    r.iss_parameter_supported = iss != doc->end() && iss->second.is<bool>() && iss->second.get<bool>();
    if (doc->count("code_challenge_methods_supported") &&
        !ListIncludes(*doc, "code_challenge_methods_supported", "S256"))
      return Status::InvalidArgument("the provider does not support PKCE with S256, which mail_mcp requires");
    /// RFC 8414 §2: without the list, client_secret_basic is the default.
    r.client_secret_basic = doc->count("token_endpoint_auth_methods_supported")
                                ? !ListIncludes(*doc, "token_endpoint_auth_methods_supported", "client_secret_post")
                                : true;
    return r;
  }
  return Status::NotFound("no discovery document at " + tried);
}

}  // namespace mail_mcp
