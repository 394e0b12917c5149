// Tokens of accounts that sign in with their mail provider: the provider's tokens sealed inside ours,
// our access token's life capped by the provider's, and the sign-in state.
#include "oauth/tokens.h"

#include "idp/idp_tokens.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

const ScopeSet kRead{"mail:read"};

struct Fixture {
  int64_t now = 1'800'000'000;
  TokenService tokens{std::string(32, 'k'), "https://mail.example.com", [this] { return now; }};

  MailAccount OAuthAccount() {
    MailAccount a;
    a.servers = {"imap.gmail.com", 993, true, "smtp.gmail.com", 465, true};
    a.imap_username = a.smtp_username = a.email = "alice@gmail.com";
    a.bearer_token = "ya29.provider-access-token";
    return a;
  }
};

}  // namespace

TEST(UpstreamTokens, RefreshTokensCarryTheProvidersRefreshTokenAccessTokensDoNot) {
  Fixture f;
  UpstreamGrant upstream{"1//provider-refresh", f.now + 3599};
  auto refresh = f.tokens.OpenRefreshToken(*f.tokens.IssueRefreshToken(f.OAuthAccount(), "cid", kRead, upstream));
  ASSERT_OK(refresh);
  EXPECT_EQ(refresh->account.bearer_token, "ya29.provider-access-token");
  EXPECT_EQ(refresh->upstream.refresh_token, "1//provider-refresh");
  EXPECT_EQ(refresh->upstream.access_expires_at, f.now + 3599);
  EXPECT_EQ(refresh->scopes.ToString(), "mail:read");
  auto access = f.tokens.OpenAccessToken(*f.tokens.IssueAccessToken(f.OAuthAccount(), "cid", kRead, upstream));
  ASSERT_OK(access);
  EXPECT_EQ(access->account.bearer_token, "ya29.provider-access-token");
  EXPECT_EQ(access->upstream.refresh_token, "");
  EXPECT_EQ(access->upstream.access_expires_at, f.now + 3599);
}

TEST(UpstreamTokens, OurAccessTokenExpiresBeforeTheProviders) {
  Fixture f;
  EXPECT_EQ(f.tokens.AccessLifetime({"", f.now + 3600}), 3540);  // a minute early
  EXPECT_EQ(f.tokens.AccessLifetime({"", f.now + 60}), 45);      // a short token keeps 3/4 of its life
  EXPECT_EQ(f.tokens.AccessLifetime({"", f.now + 4}), 3);
  EXPECT_EQ(f.tokens.AccessLifetime({"", f.now - 10}), 1);  // already expired: the client refreshes at once
  EXPECT_EQ(f.tokens.AccessLifetime({"", f.now + 86400}), TokenService::kAccessLifetime);
  auto access = f.tokens.OpenAccessToken(*f.tokens.IssueAccessToken(f.OAuthAccount(), "cid", kRead, {"", f.now + 60}));
  ASSERT_OK(access);
  EXPECT_EQ(access->expires_at, f.now + 45);
  f.now += 45;
  EXPECT_EQ(f.tokens.OpenAccessToken(*f.tokens.IssueAccessToken(f.OAuthAccount(), "cid", kRead, {"", f.now + 60}))
                ->expires_at,
            f.now + 45);
}

TEST(UpstreamTokens, PasswordAccountsAreUnchanged) {
  Fixture f;
  MailAccount a = f.OAuthAccount();
  a.bearer_token.clear();
  a.imap_password = a.smtp_password = "app-password";
  auto access = f.tokens.OpenAccessToken(*f.tokens.IssueAccessToken(a, "cid", kRead, {"ignored", f.now + 10}));
  ASSERT_OK(access);
  EXPECT_EQ(access->expires_at, f.now + TokenService::kAccessLifetime);
  EXPECT_FALSE(access->account.UsesBearerToken());
  EXPECT_EQ(access->upstream.refresh_token, "");
}

TEST(UpstreamTokens, ClientIdsSealTheirProvider) {
  Fixture f;
  ClientRegistration google{{"imap.gmail.com", 993, true, "smtp.gmail.com", 465, true}, "s", {"http://127.0.0.1"}};
  google.idp.kind = IdpKind::kGoogle;
  auto opened = f.tokens.OpenClientId(*f.tokens.IssueClientId(google));
  ASSERT_OK(opened);
  EXPECT_TRUE(opened->idp.kind == IdpKind::kGoogle);
  EXPECT_EQ(opened->idp.token_endpoint, "");  // the preset's endpoints come from the build

  ClientRegistration generic = google;
  generic.idp = {IdpKind::kGeneric,
                 "https://id.example",
                 "https://id.example/a",
                 "https://id.example/t",
                 "https://id.example/u",
                 "openid email",
                 true,
                 true};
  opened = f.tokens.OpenClientId(*f.tokens.IssueClientId(generic));
  ASSERT_OK(opened);
  EXPECT_EQ(opened->idp.issuer, "https://id.example");
  EXPECT_EQ(opened->idp.userinfo_endpoint, "https://id.example/u");
  EXPECT_EQ(opened->idp.scopes, "openid email");
  EXPECT_TRUE(opened->idp.iss_parameter_supported);
  EXPECT_TRUE(opened->idp.client_secret_basic);

  ClientRegistration password = google;
  password.idp = {};
  EXPECT_FALSE(f.tokens.OpenClientId(*f.tokens.IssueClientId(password))->idp.enabled());
}

TEST(UpstreamTokens, TheSignInStateRoundTripsAndExpiresInTenMinutes) {
  Fixture f;
  SignInState s;
  s.client_fingerprint = "fp";
  s.servers = {"imap.gmail.com", 993, true, "smtp.gmail.com", 465, true};
  s.idp.kind = IdpKind::kGoogle;
  s.redirect_uri = "http://127.0.0.1/cb";
  s.state = "xyz";
  s.code_challenge = "challenge";
  s.scopes = ScopeSet{"mail:read", "mail:send"};
  s.code_verifier = std::string(43, 'v');
  const std::string sealed = *f.tokens.IssueSignInState(s);
  auto opened = f.tokens.OpenSignInState(sealed);
  ASSERT_OK(opened);
  EXPECT_EQ(opened->code_verifier, s.code_verifier);
  EXPECT_EQ(opened->state, "xyz");
  EXPECT_EQ(opened->client_fingerprint, "fp");
  EXPECT_EQ(opened->servers.smtp_port, 465);
  EXPECT_TRUE(opened->idp.kind == IdpKind::kGoogle);
  EXPECT_EQ(opened->redirect_uri, "http://127.0.0.1/cb");
  EXPECT_EQ(opened->scopes.ToString(), "mail:read mail:send");
  EXPECT_EQ(opened->expires_at, f.now + 600);
  EXPECT_FALSE(opened->jti.empty());
  f.now += 600;
  EXPECT_EQ(f.tokens.OpenSignInState(sealed).status().code(), Status::Code::kExpired);
}

TEST(UpstreamTokens, AStateIsNoOtherTokenAndNoOtherTokenIsAState) {
  Fixture f;
  const std::string state = *f.tokens.IssueSignInState({});
  EXPECT_FALSE(f.tokens.OpenAccessToken(state).ok());
  EXPECT_FALSE(f.tokens.OpenCode(state).ok());
  const std::string access = *f.tokens.IssueAccessToken(f.OAuthAccount(), "cid", kRead, {"", f.now + 100});
  EXPECT_FALSE(f.tokens.OpenSignInState(access).ok());
  EXPECT_FALSE(f.tokens.OpenSignInState("garbage").ok());
}

TEST(UpstreamTokens, TheLongestProviderTokensStillFitOurAuthorizationHeaderAndTokenBounds) {
  // Our HTTP server reads header lines of up to 8192 bytes (cpp-httplib's default). The longest access
  // token a provider may give (kMaxProviderAccessTokenChars), with the longest address, name and hosts
  // the sign-in lets in, must still make an "Authorization: Bearer ..." line that fits.
  Fixture f;
  MailAccount a = f.OAuthAccount();
  a.email = a.imap_username = a.smtp_username = std::string(64, 'u') + "@" + std::string(189, 'd');
  a.full_name = std::string(256, 'n');
  a.servers.imap_host = a.servers.smtp_host = std::string(253, 'h');
  a.bearer_token = std::string(kMaxProviderAccessTokenChars, 'T');
  auto access = f.tokens.IssueAccessToken(
      a, std::string(43, 'c'), ScopeSet{"mail:read", "mail:organize", "mail:draft", "mail:send", "mail:delete"},
      {"", f.now + 3600});
  ASSERT_OK(access);
  EXPECT_LE(("Authorization: Bearer " + *access + "\r\n").size(), 8192u);
  // The refresh token adds the provider's longest refresh token and still opens (JWE's 16 KB bound).
  auto refresh = f.tokens.IssueRefreshToken(a, std::string(43, 'c'), ScopeSet{"mail:read"},
                                            {std::string(4096, 'R'), f.now + 3600});
  ASSERT_OK(refresh);
  EXPECT_OK(f.tokens.OpenRefreshToken(*refresh));
}
