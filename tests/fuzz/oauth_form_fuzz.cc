// The authorization server's parsers (src/oauth, src/util/url*.h): form and query decoding, the
// authorization request checks (redirect URI allowlist, PKCE, resource) and the token endpoint
// (HTTP Basic client authentication, both grants).
//
// The input is an Authorization header value, "\n", then a form body or query string, which goes
// both to the authorization request check (as GET /oauth/authorize would) and to the token endpoint
// (as POST /oauth/token would). An error redirect must go only to a redirect URI the client
// registered, and carry iss. Seeds: tests/fuzz/corpus/oauth_form (requests with a client_id, codes
// and refresh tokens sealed with the harness key by `scripts/fuzz seeds`).
#include <algorithm>
#include <string>

#include "fuzz_support.h"
#include "oauth/authorize_request.h"
#include "oauth/token_endpoint.h"
#include "oauth/used_codes.h"
#include "tools/mail_scopes.h"
#include "util/json_parse.h"
#include "util/url.h"
#include "util/url_encoding.h"

using namespace mail_mcp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const TokenService tokens(
      fuzz::kKey, fuzz::kBaseUrl, [] { return fuzz::kNow; }, AllMailScopes());
  // Fresh per input, so a seed's code is redeemable every time it runs.
  UsedCodes used_codes;
  const TokenEndpoint endpoint(&tokens, &used_codes, fuzz::kResource, [] { return fuzz::kNow; });

  std::vector<std::string_view> fields = fuzz::Split(fuzz::AsView(data, size), '\n', 2);
  const std::string authorization = fields.size() > 1 ? std::string(fields[0]) : "";
  const std::optional<ParamMap> form = ParseUrlEncoded(fields.back());
  if (!form) return 0;
  for (const auto& [name, value] : *form) (void)ParseHttpUrl(value);

  AuthorizeCheck check = CheckAuthorizeRequest(*form, tokens, fuzz::kResource);
  if (check.outcome == AuthorizeCheck::Outcome::kOk)
    FUZZ_CHECK(!check.offered.empty() && check.client.scopes.Includes(check.offered),
               "an offer outside the client's ceiling");
  if (check.outcome == AuthorizeCheck::Outcome::kErrorRedirect) {
    const auto& allowed = check.client.redirect_uris;
    FUZZ_CHECK(std::find(allowed.begin(), allowed.end(), check.request.redirect_uri) != allowed.end(),
               "an error redirect to a URI the client did not register");
    std::string location = ErrorRedirect(check, fuzz::kBaseUrl);
    auto url = ParseHttpUrl(location);
    FUZZ_CHECK(url && url->has_query, "an error redirect that is not a URL with a query");
    auto params = ParseUrlEncoded(url->query);
    FUZZ_CHECK(params && params->count("iss") == 1 && params->count("error") == 1, "an error redirect without iss");
  }

  TokenReply reply = endpoint.Handle(*form, authorization);
  auto json = ParseJson(reply.body);
  FUZZ_CHECK(json.ok() && json->is<picojson::object>(), "a token reply that is not a JSON object");
  FUZZ_CHECK(reply.status == 200 || reply.status == 400 || reply.status == 401, "an unexpected token reply status");
  return 0;
}
