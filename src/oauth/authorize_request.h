// Validation of an authorization request (RFC 6749 §4.1.1, RFC 7636, RFC 8707), GET or POST.
//
// The order matters for safety: until the client_id decrypts and the redirect_uri is on that
// client's allowlist, nothing is redirected anywhere (an open redirector would let anyone bounce a
// victim to a phishing page through our domain); those failures are shown as an HTML page. After
// that, protocol errors go back to the client as a redirect with `error`, `state` and `iss`.
//
// Scopes (RFC 6749 §3.3): what the page offers the person is the requested scopes that the client's
// sealed ceiling allows; scopes it may never have are ignored, and a request that names none it may
// have (or no scope at all) is offered the client's default, its whole ceiling. A malformed scope
// parameter is invalid_scope. The person may then untick any of them; the token response says
// what was granted.
//
// Thread-safety: pure functions of their inputs.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "oauth/tokens.h"
#include "util/url_encoding.h"

namespace mail_mcp {

/// The OAuth parameters the login form carries as hidden fields between GET and POST.
extern const char* const kAuthorizeParamNames[8];

struct AuthorizeRequest {
  std::string client_id, redirect_uri, response_type, state, code_challenge, code_challenge_method, scope, resource;
};

struct AuthorizeCheck {
  enum class Outcome {
    kOk,
    kErrorPage,      // HTTP 400 page, no redirect: client or redirect URI not trusted
    kErrorRedirect,  // redirect to redirect_uri with error=… (client and redirect URI are trusted)
  };
  Outcome outcome = Outcome::kOk;
  std::string error;              // OAuth error code, e.g. invalid_request
  std::string error_description;  // human text (also the error page's message)
  AuthorizeRequest request;
  ClientRegistration client;
  ScopeSet offered;  // on kOk: what the page offers, never outside client.scopes
};

/// The request's non-empty parameters by name, in kAuthorizeParamNames order: what the login form and
/// the provider sign-in carry forward.
std::vector<std::pair<std::string, std::string>> AuthorizeParams(const AuthorizeRequest& request);

/// `resource` is the only resource indicator we serve: BASE_URL/mcp.
AuthorizeCheck CheckAuthorizeRequest(const ParamMap& params, const TokenService& tokens, const std::string& resource);

/// `redirect_uri` with `params` appended to any query it already has (RFC 6749 §3.1.2).
std::string AppendQuery(const std::string& redirect_uri,
                        const std::vector<std::pair<std::string, std::string>>& params);

/// The redirect for an error: error, error_description, state (if any) and iss (RFC 9207).
std::string ErrorRedirect(const AuthorizeCheck& check, const std::string& issuer);

}  // namespace mail_mcp
