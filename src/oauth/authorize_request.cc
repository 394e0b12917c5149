#include "oauth/authorize_request.h"

#include "crypto/pkce.h"
#include "oauth/redirect_uris.h"
#include "util/url_encoding.h"

namespace mail_mcp {

const char* const kAuthorizeParamNames[8] = {"client_id",      "redirect_uri",          "response_type", "state",
                                             "code_challenge", "code_challenge_method", "scope",         "resource"};

namespace {

/// The longest value we accept for any parameter: bounds the page and the redirect we build.
constexpr size_t kMaxParamLength = 4096;

}  // namespace

std::vector<std::pair<std::string, std::string>> AuthorizeParams(const AuthorizeRequest& r) {
  const std::string* values[8] = {&r.client_id,      &r.redirect_uri,          &r.response_type, &r.state,
                                  &r.code_challenge, &r.code_challenge_method, &r.scope,         &r.resource};
  std::vector<std::pair<std::string, std::string>> params;
  for (int i = 0; i < 8; ++i)
    if (!values[i]->empty()) params.emplace_back(kAuthorizeParamNames[i], *values[i]);
  return params;
}

AuthorizeCheck CheckAuthorizeRequest(const ParamMap& params, const TokenService& tokens, const std::string& resource) {
  AuthorizeCheck c;
  auto page = [&](std::string description) {
    c.outcome = AuthorizeCheck::Outcome::kErrorPage;
    c.error = "invalid_request";
    c.error_description = std::move(description);
    return c;
  };
  auto redirect = [&](const char* error, std::string description) {
    c.outcome = AuthorizeCheck::Outcome::kErrorRedirect;
    c.error = error;
    c.error_description = std::move(description);
    return c;
  };

  std::string* fields[8] = {&c.request.client_id, &c.request.redirect_uri,   &c.request.response_type,
                            &c.request.state,     &c.request.code_challenge, &c.request.code_challenge_method,
                            &c.request.scope,     &c.request.resource};
  std::string repeated;
  for (int i = 0; i < 8; ++i) {
    const char* name = kAuthorizeParamNames[i];
    size_t n = params.count(name);
    if (n > 1 && repeated.empty()) repeated = name;
    if (n >= 1) *fields[i] = params.find(name)->second.substr(0, kMaxParamLength + 1);
  }

  // 1. Trust nothing until the client and its redirect URI check out: errors here never redirect.
  if (c.request.client_id.empty()) return page("The request has no client_id.");
  if (params.count("client_id") > 1) return page("The client_id parameter is repeated.");
  auto client = tokens.OpenClientId(c.request.client_id);
  if (!client.ok()) return page("Unknown client: this client_id was not issued by this server.");
  c.client = std::move(*client);
  if (c.request.redirect_uri.empty()) return page("The request has no redirect_uri.");
  if (params.count("redirect_uri") > 1) return page("The redirect_uri parameter is repeated.");
  if (c.request.redirect_uri.size() > kMaxParamLength ||
      !IsRedirectUriAllowed(c.client.redirect_uris, c.request.redirect_uri))
    return page("This redirect URI is not registered for this client.");

  // 2. From here on the client gets its errors by redirect.
  if (c.request.state.size() > kMaxParamLength) {
    c.request.state.clear();
    return redirect("invalid_request", "state is too long");
  }
  if (!repeated.empty()) return redirect("invalid_request", "parameter " + repeated + " is repeated");
  if (c.request.response_type.empty()) return redirect("invalid_request", "response_type is required");
  if (c.request.response_type != "code")
    return redirect("unsupported_response_type", "only response_type=code is supported");
  if (c.request.code_challenge.empty()) return redirect("invalid_request", "code_challenge is required (PKCE)");
  if (c.request.code_challenge_method != "S256")
    return redirect("invalid_request", "code_challenge_method must be S256");
  if (!IsValidS256Challenge(c.request.code_challenge))
    return redirect("invalid_request", "code_challenge is not a valid S256 challenge");
  if (!c.request.resource.empty() && c.request.resource != resource)
    return redirect("invalid_target", "resource must be " + resource);
  if (c.request.scope.size() > kMaxParamLength) return redirect("invalid_scope", "scope is too long");
  auto requested = ScopeSet::Parse(c.request.scope);
  if (!requested.ok()) return redirect("invalid_scope", "scope is malformed");
  c.offered = requested->Intersection(c.client.scopes);
  // Nothing asked for that this client may have: offer its default. A client that asks for more
  // than its ceiling (a crafted request, or a step-up past what the operator allows) gets no more.
  if (c.offered.empty()) c.offered = c.client.scopes;
  if (c.offered.empty()) return redirect("invalid_scope", "this client may not be granted any scope");
  return c;
}

std::string AppendQuery(const std::string& redirect_uri,
                        const std::vector<std::pair<std::string, std::string>>& params) {
  std::string base = redirect_uri;
  std::string fragment;
  if (size_t hash = base.find('#'); hash != std::string::npos) base.resize(hash);  // fragments are not allowed
  char sep = base.find('?') == std::string::npos ? '?' : (base.back() == '?' || base.back() == '&') ? '\0' : '&';
  std::string out = base;
  if (sep) out += sep;
  return out + EncodeParams(params);
}

std::string ErrorRedirect(const AuthorizeCheck& check, const std::string& issuer) {
  std::vector<std::pair<std::string, std::string>> p{{"error", check.error},
                                                     {"error_description", check.error_description}};
  if (!check.request.state.empty()) p.emplace_back("state", check.request.state);
  p.emplace_back("iss", issuer);
  return AppendQuery(check.request.redirect_uri, p);
}

}  // namespace mail_mcp
