// The callback's checks that come before any request to the provider (the exchange and what follows
// are proven against the real test provider in tests/integration/provider_signin.test.mjs).
#include "oauth/provider_signin.h"

#include "crypto/pkce.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

constexpr char kBase[] = "https://mail.example.com";

struct Fixture {
  int64_t now = 1'800'000'000;
  TokenService tokens{std::string(32, 'k'), kBase, [this] { return now; }};
  UsedCodes used;
  IdpSettings settings;
  std::string client_id;
  Fixture() {
    settings.generic = {"app", "app-secret"};
    ClientRegistration c{{"imap.example.com", 993, true, "smtp.example.com", 587, false}, "s", {"http://127.0.0.1"}};
    // Unroutable endpoints: nothing in these tests may reach them.
    c.idp = {IdpKind::kGeneric,
             "https://id.example",
             "https://id.invalid/auth",
             "https://id.invalid/token",
             "",
             "openid email offline_access",
             /*iss_parameter_supported=*/true,
             false};
    client_id = *tokens.IssueClientId(c);
  }
  AuthorizeCheck Check() {
    ParamMap p{{"client_id", client_id},
               {"redirect_uri", "http://127.0.0.1:9/cb"},
               {"response_type", "code"},
               {"state", "client-state"},
               {"code_challenge", S256Challenge(std::string(43, 'v'))},
               {"code_challenge_method", "S256"}};
    return CheckAuthorizeRequest(p, tokens, std::string(kBase) + "/mcp");
  }
  /// The provider's authorization URL's state for a fresh sign-in.
  std::string State() {
    auto provider = ResolveIdp(Check().client.idp, settings);
    const std::string url =
        *StartProviderSignIn(Check(), ScopeSet{"mail:read"}, *provider, tokens, std::string(kBase) + "/cb");
    return ParseUrlEncoded(url.substr(url.find('?') + 1))->find("state")->second;
  }
  ProviderCallback Callback(ParamMap query) {
    return FinishProviderSignIn(query,
                                {&tokens, &used, &settings, {}, std::string(kBase) + "/oauth/upstream/callback", now});
  }
};

}  // namespace

TEST(ProviderSignIn, StartSealsTheRequestAndAVerifierIntoTheState) {
  Fixture f;
  auto opened = f.tokens.OpenSignInState(f.State());
  ASSERT_OK(opened);
  EXPECT_EQ(opened->state, "client-state");
  EXPECT_EQ(opened->scopes.ToString(), "mail:read");
  EXPECT_EQ(opened->client_fingerprint, ClientFingerprint(f.client_id));
  EXPECT_EQ(opened->redirect_uri, "http://127.0.0.1:9/cb");
  EXPECT_EQ(opened->servers.imap_host, "imap.example.com");
  EXPECT_EQ(opened->idp.token_endpoint, "https://id.invalid/token");
  EXPECT_TRUE(IsValidCodeVerifier(opened->code_verifier));
  EXPECT_EQ(opened->code_verifier.find(f.client_id), std::string::npos);
}

TEST(ProviderSignIn, AMissingForgedOrExpiredStateIsAPageWithoutTheRequest) {
  Fixture f;
  ProviderCallback cb = f.Callback({{"code", "c"}});
  EXPECT_FALSE(cb.signed_in);
  EXPECT_CONTAINS(cb.message, "no state");
  cb = f.Callback({{"code", "c"}, {"state", "forged"}});
  EXPECT_CONTAINS(cb.message, "not issued by this server");
  EXPECT_FALSE(cb.have_request);
  const std::string state = f.State();
  f.now += TokenService::kSignInStateLifetime;
  cb = f.Callback({{"code", "c"}, {"state", state}});
  EXPECT_CONTAINS(cb.message, "expired after 10 minutes");
  // Any other token of ours is not a state.
  MailAccount a;
  a.email = "x@example.com";
  cb = f.Callback({{"code", "c"}, {"state", *f.tokens.IssueAccessToken(a, "cid", ScopeSet{})}});
  EXPECT_CONTAINS(cb.message, "not issued by this server");
}

TEST(ProviderSignIn, AStateWorksOnce) {
  Fixture f;
  const std::string state = f.State();
  ProviderCallback first = f.Callback({{"error", "access_denied"}, {"state", state}});
  EXPECT_CONTAINS(first.message, "You cancelled signing in with id.example");
  EXPECT_TRUE(first.have_request);
  ProviderCallback again = f.Callback({{"error", "access_denied"}, {"state", state}});
  EXPECT_CONTAINS(again.message, "already used");
}

TEST(ProviderSignIn, ProviderErrorsAreWordedForThePerson) {
  Fixture f;
  ProviderCallback cb =
      f.Callback({{"error", "invalid_scope"}, {"error_description", "bad\r\nscope"}, {"state", f.State()}});
  EXPECT_CONTAINS(cb.message, "refused the permissions");
  EXPECT_CONTAINS(cb.message, "said: badscope");
  cb = f.Callback({{"error", "<script>"}, {"state", f.State()}});
  EXPECT_CONTAINS(cb.message, "could not sign you in (<script>)");  // escaped by the page template
}

TEST(ProviderSignIn, IssMustNameTheProviderAndBePresentWhenPromised) {
  Fixture f;
  ProviderCallback cb = f.Callback({{"code", "c"}, {"iss", "https://evil.example"}, {"state", f.State()}});
  EXPECT_CONTAINS(cb.message, "iss does not match");
  cb = f.Callback({{"code", "c"}, {"state", f.State()}});
  EXPECT_CONTAINS(cb.message, "iss does not match");
  cb = f.Callback({{"iss", "https://id.example"}, {"state", f.State()}});
  EXPECT_CONTAINS(cb.message, "sent no authorization code");
}

TEST(ProviderSignIn, NotConfiguredOnThisServer) {
  Fixture f;
  const std::string state = f.State();
  f.settings.generic = {};
  ProviderCallback cb = f.Callback({{"code", "c"}, {"state", state}});
  EXPECT_EQ(cb.http_status, 500);
  EXPECT_CONTAINS(cb.message, "OAUTH_CLIENT_ID");
}
