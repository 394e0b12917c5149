#include "oauth/authorize_request.h"

#include "crypto/pkce.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

const std::string kIssuer = "https://mail.example.com";
const std::string kResource = kIssuer + "/mcp";
const std::string kChallenge = S256Challenge(std::string(43, 'v'));

struct Fixture {
  TokenService tokens{std::string(32, 'k'), kIssuer};
  std::string client_id = *tokens.IssueClientId({{"imap.example.com", 993, true, "smtp.example.com", 587, false},
                                                 "secret",
                                                 {"https://app.example.com/cb", "http://127.0.0.1"},
                                                 ScopeSet{"mail:read", "mail:send", "mail:delete"}});

  ParamMap Good() const {
    return {{"client_id", client_id},       {"redirect_uri", "https://app.example.com/cb"},
            {"response_type", "code"},      {"state", "xyz"},
            {"code_challenge", kChallenge}, {"code_challenge_method", "S256"},
            {"resource", kResource}};
  }
  AuthorizeCheck Check(const ParamMap& p) const { return CheckAuthorizeRequest(p, tokens, kResource); }
  /// A good request with `scope=<scope>`.
  AuthorizeCheck CheckScope(const std::string& scope) const {
    ParamMap p = Good();
    p.emplace("scope", scope);
    return Check(p);
  }
};

void Set(ParamMap& p, const std::string& k, const std::string& v) {
  p.erase(k);
  p.emplace(k, v);
}

}  // namespace

TEST(AuthorizeRequest, AcceptsAGoodRequestAndExposesTheClient) {
  Fixture f;
  auto c = f.Check(f.Good());
  EXPECT_TRUE(c.outcome == AuthorizeCheck::Outcome::kOk);
  EXPECT_EQ(c.client.servers.imap_host, "imap.example.com");
  EXPECT_EQ(c.request.state, "xyz");
}

TEST(AuthorizeRequest, UntrustedClientOrRedirectUriNeverRedirects) {
  Fixture f;
  auto p = f.Good();
  Set(p, "redirect_uri", "https://evil.example.com/cb");
  EXPECT_TRUE(f.Check(p).outcome == AuthorizeCheck::Outcome::kErrorPage);
  p = f.Good();
  Set(p, "client_id", "forged");
  EXPECT_TRUE(f.Check(p).outcome == AuthorizeCheck::Outcome::kErrorPage);
  p = f.Good();
  p.erase("redirect_uri");
  EXPECT_TRUE(f.Check(p).outcome == AuthorizeCheck::Outcome::kErrorPage);
  p = f.Good();
  p.emplace("redirect_uri", "http://127.0.0.1:9/cb");  // repeated
  EXPECT_TRUE(f.Check(p).outcome == AuthorizeCheck::Outcome::kErrorPage);
  // A client_id sealed by another server's key is unknown here.
  TokenService other(std::string(32, 'x'), kIssuer);
  p = f.Good();
  Set(p, "client_id", *other.IssueClientId({{"i", 993, true, "s", 587, false}, "s", {"https://app.example.com/cb"}}));
  EXPECT_TRUE(f.Check(p).outcome == AuthorizeCheck::Outcome::kErrorPage);
}

TEST(AuthorizeRequest, LoopbackRedirectOnAnyPortIsTrusted) {
  Fixture f;
  auto p = f.Good();
  Set(p, "redirect_uri", "http://127.0.0.1:53682/callback");
  EXPECT_TRUE(f.Check(p).outcome == AuthorizeCheck::Outcome::kOk);
}

TEST(AuthorizeRequest, ProtocolErrorsRedirectWithTheRightCode) {
  Fixture f;
  struct Case {
    const char* key;
    const char* value;
    const char* error;
  } cases[] = {
      {"response_type", "token", "unsupported_response_type"},
      {"response_type", "", "invalid_request"},
      {"code_challenge", "", "invalid_request"},
      {"code_challenge_method", "plain", "invalid_request"},
      {"code_challenge", "short", "invalid_request"},
      {"resource", "https://other.example.com/mcp", "invalid_target"},
  };
  for (const auto& k : cases) {
    auto p = f.Good();
    if (*k.value) Set(p, k.key, k.value);
    else p.erase(k.key);
    auto c = f.Check(p);
    EXPECT_TRUE(c.outcome == AuthorizeCheck::Outcome::kErrorRedirect);
    EXPECT_EQ(c.error, k.error);
  }
  auto p = f.Good();
  p.emplace("scope", "a");
  p.emplace("scope", "b");
  EXPECT_EQ(f.Check(p).error, "invalid_request");
}

TEST(AuthorizeRequest, ResourceIsOptional) {
  Fixture f;
  auto p = f.Good();
  p.erase("resource");
  EXPECT_TRUE(f.Check(p).outcome == AuthorizeCheck::Outcome::kOk);
}

TEST(AuthorizeRequest, ErrorRedirectCarriesStateAndIssuerAndKeepsExistingQuery) {
  Fixture f;
  auto p = f.Good();
  Set(p, "response_type", "token");
  Set(p, "redirect_uri", "http://127.0.0.1:8000/cb?tenant=a%20b");
  auto c = f.Check(p);
  std::string url = ErrorRedirect(c, kIssuer);
  EXPECT_CONTAINS(url, "http://127.0.0.1:8000/cb?tenant=a%20b&error=unsupported_response_type");
  EXPECT_CONTAINS(url, "&state=xyz");
  EXPECT_CONTAINS(url, "&iss=https%3A%2F%2Fmail.example.com");
}

TEST(AppendQuery, EncodesValuesAndChoosesTheSeparator) {
  EXPECT_EQ(AppendQuery("https://a.test/cb", {{"code", "a&b=c"}}), "https://a.test/cb?code=a%26b%3Dc");
  EXPECT_EQ(AppendQuery("https://a.test/cb?x=1", {{"code", "z"}}), "https://a.test/cb?x=1&code=z");
  EXPECT_EQ(AppendQuery("https://a.test/cb?", {{"code", "z"}}), "https://a.test/cb?code=z");
}

TEST(AuthorizeRequest, NoScopeOffersTheClientsWholeCeiling) {
  Fixture f;
  EXPECT_EQ(f.Check(f.Good()).offered.ToString(), "mail:delete mail:read mail:send");
  EXPECT_EQ(f.CheckScope("").offered.ToString(), "mail:delete mail:read mail:send");
}

TEST(AuthorizeRequest, RequestedScopesAreOfferedOnlyWithinTheCeiling) {
  Fixture f;
  auto c = f.CheckScope("mail:send  mail:read");
  EXPECT_TRUE(c.outcome == AuthorizeCheck::Outcome::kOk);
  EXPECT_EQ(c.offered.ToString(), "mail:read mail:send");
  // A crafted request for more than the ceiling gets no more than the ceiling holds.
  EXPECT_EQ(f.CheckScope("mail:read mail:organize mail:draft").offered.ToString(), "mail:read");
}

TEST(AuthorizeRequest, ScopesTheClientMayNeverHaveFallBackToItsDefault) {
  Fixture f;
  for (const char* scope : {"mail:organize", "openid profile", "MAIL:READ"}) {
    auto c = f.CheckScope(scope);
    EXPECT_TRUE(c.outcome == AuthorizeCheck::Outcome::kOk);
    EXPECT_EQ(c.offered.ToString(), "mail:delete mail:read mail:send");
  }
}

TEST(AuthorizeRequest, AMalformedScopeIsInvalidScope) {
  Fixture f;
  auto c = f.CheckScope("mail:read \"x\"");
  EXPECT_TRUE(c.outcome == AuthorizeCheck::Outcome::kErrorRedirect);
  EXPECT_EQ(c.error, "invalid_scope");
}
