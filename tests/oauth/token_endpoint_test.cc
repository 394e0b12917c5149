#include "oauth/token_endpoint.h"

#include <picojson.h>

#include "crypto/base64.h"
#include "crypto/pkce.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

const std::string kIssuer = "https://mail.example.com";
const std::string kVerifier(50, 'v');

struct Fixture {
  int64_t now = 1'800'000'000;
  TokenService tokens{std::string(32, 'k'), kIssuer, [this] { return now; }};
  UsedCodes used;
  TokenEndpoint endpoint{&tokens, &used, kIssuer + "/mcp", [this] { return now; }};
  std::string client_id = *tokens.IssueClientId({{"i", 993, true, "s", 587, false}, "secret", {"http://127.0.0.1"}});

  std::string Code(const std::string& for_client = "", ScopeSet scopes = ScopeSet{"mail:read", "mail:send"}) {
    MailAccount a;
    a.email = "alice@example.com";
    return *tokens.IssueCode({.account = a,
                              .code_challenge = S256Challenge(kVerifier),
                              .redirect_uri = "http://127.0.0.1:5000/cb",
                              .client_fingerprint = ClientFingerprint(for_client.empty() ? client_id : for_client),
                              .scopes = scopes});
  }
  ParamMap RefreshForm(const std::string& refresh) {
    return {{"grant_type", "refresh_token"},
            {"refresh_token", refresh},
            {"client_id", client_id},
            {"client_secret", "secret"}};
  }
  ParamMap CodeForm(const std::string& code) {
    return {
        {"grant_type", "authorization_code"}, {"code", code},           {"redirect_uri", "http://127.0.0.1:5000/cb"},
        {"code_verifier", kVerifier},         {"client_id", client_id}, {"client_secret", "secret"}};
  }
  std::string Basic(const std::string& id, const std::string& secret) {
    return "Basic " + Base64Encode(id + ":" + secret);
  }
};

picojson::value Body(const TokenReply& r) {
  picojson::value v;
  picojson::parse(v, r.body);
  return v;
}

std::string ErrorOf(const TokenReply& r) {
  picojson::value v;
  picojson::parse(v, r.body);
  return v.get("error").is<std::string>() ? v.get("error").get<std::string>() : "";
}

}  // namespace

TEST(TokenEndpoint, ExchangesACodeWithClientSecretPost) {
  Fixture f;
  auto r = f.endpoint.Handle(f.CodeForm(f.Code()), "");
  ASSERT_EQ(r.status, 200);
  picojson::value v;
  picojson::parse(v, r.body);
  EXPECT_EQ(v.get("token_type").get<std::string>(), "Bearer");
  EXPECT_EQ(v.get("expires_in").get<int64_t>(), 28800);
  auto access = f.tokens.OpenAccessToken(v.get("access_token").get<std::string>());
  ASSERT_OK(access);
  EXPECT_EQ(access->account.email, "alice@example.com");
  EXPECT_OK(f.tokens.OpenRefreshToken(v.get("refresh_token").get<std::string>()));
}

TEST(TokenEndpoint, ExchangesACodeWithClientSecretBasic) {
  Fixture f;
  auto form = f.CodeForm(f.Code());
  form.erase("client_secret");
  form.erase("client_id");
  EXPECT_EQ(f.endpoint.Handle(form, f.Basic(f.client_id, "secret")).status, 200);
}

TEST(TokenEndpoint, ACodeWorksOnlyOnce) {
  Fixture f;
  std::string code = f.Code();
  EXPECT_EQ(f.endpoint.Handle(f.CodeForm(code), "").status, 200);
  auto replay = f.endpoint.Handle(f.CodeForm(code), "");
  EXPECT_EQ(replay.status, 400);
  EXPECT_EQ(ErrorOf(replay), "invalid_grant");
}

TEST(TokenEndpoint, WrongVerifierRedirectUriOrClientIsInvalidGrant) {
  Fixture f;
  auto form = f.CodeForm(f.Code());
  form.erase("code_verifier");
  form.emplace("code_verifier", std::string(50, 'w'));
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(form, "")), "invalid_grant");
  form = f.CodeForm(f.Code());
  form.erase("redirect_uri");
  form.emplace("redirect_uri", "http://127.0.0.1:5001/cb");
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(form, "")), "invalid_grant");
  std::string other = *f.tokens.IssueClientId({{"i", 993, true, "s", 587, false}, "secret", {}});
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(f.CodeForm(f.Code(other)), "")), "invalid_grant");
  // A failed attempt does not burn the code for its rightful owner.
  std::string code = f.Code();
  form = f.CodeForm(code);
  form.erase("code_verifier");
  form.emplace("code_verifier", std::string(50, 'w'));
  f.endpoint.Handle(form, "");
  EXPECT_EQ(f.endpoint.Handle(f.CodeForm(code), "").status, 200);
}

TEST(TokenEndpoint, ExpiredCodeIsInvalidGrant) {
  Fixture f;
  std::string code = f.Code();
  f.now += 301;
  auto r = f.endpoint.Handle(f.CodeForm(code), "");
  EXPECT_EQ(ErrorOf(r), "invalid_grant");
  EXPECT_CONTAINS(r.body, "expired");
}

TEST(TokenEndpoint, ClientAuthenticationFailures) {
  Fixture f;
  auto form = f.CodeForm(f.Code());
  form.erase("client_secret");
  form.emplace("client_secret", "wrong");
  auto r = f.endpoint.Handle(form, "");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorOf(r), "invalid_client");
  EXPECT_FALSE(r.basic_challenge);
  form = f.CodeForm(f.Code());
  form.erase("client_secret");
  form.erase("client_id");
  r = f.endpoint.Handle(form, f.Basic(f.client_id, "wrong"));
  EXPECT_EQ(r.status, 401);
  EXPECT_TRUE(r.basic_challenge);
  r = f.endpoint.Handle(form, f.Basic("forged", "secret"));
  EXPECT_EQ(ErrorOf(r), "invalid_client");
  r = f.endpoint.Handle(form, "Basic !!!");
  EXPECT_EQ(ErrorOf(r), "invalid_client");
  // Both methods at once.
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(f.CodeForm(f.Code()), f.Basic(f.client_id, "secret"))), "invalid_request");
  form.erase("code");
  EXPECT_EQ(ErrorOf(f.endpoint.Handle({{"grant_type", "authorization_code"}}, "")), "invalid_client");
}

TEST(TokenEndpoint, RefreshIssuesNewTokensForTheSameClientOnly) {
  Fixture f;
  picojson::value v;
  picojson::parse(v, f.endpoint.Handle(f.CodeForm(f.Code()), "").body);
  std::string refresh = v.get("refresh_token").get<std::string>();
  ParamMap form{{"grant_type", "refresh_token"},
                {"refresh_token", refresh},
                {"client_id", f.client_id},
                {"client_secret", "secret"}};
  EXPECT_EQ(f.endpoint.Handle(form, "").status, 200);
  std::string other = *f.tokens.IssueClientId({{"i", 993, true, "s", 587, false}, "secret", {}});
  ParamMap theirs{
      {"grant_type", "refresh_token"}, {"refresh_token", refresh}, {"client_id", other}, {"client_secret", "secret"}};
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(theirs, "")), "invalid_grant");
  // An access token is not a refresh token.
  ParamMap wrong{{"grant_type", "refresh_token"},
                 {"refresh_token", v.get("access_token").get<std::string>()},
                 {"client_id", f.client_id},
                 {"client_secret", "secret"}};
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(wrong, "")), "invalid_grant");
}

TEST(TokenEndpoint, GrantTypeAndResourceChecks) {
  Fixture f;
  ParamMap form{{"client_id", f.client_id}, {"client_secret", "secret"}};
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(form, "")), "invalid_request");
  form.emplace("grant_type", "password");
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(form, "")), "unsupported_grant_type");
  auto code_form = f.CodeForm(f.Code());
  code_form.emplace("resource", "https://elsewhere.example.com/mcp");
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(code_form, "")), "invalid_target");
  code_form = f.CodeForm(f.Code());
  code_form.emplace("code", "again");
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(code_form, "")), "invalid_request");
}

TEST(TokenEndpoint, TheResponseAndTheTokensCarryTheGrantedScopes) {
  Fixture f;
  auto r = f.endpoint.Handle(f.CodeForm(f.Code("", ScopeSet{"mail:read"})), "");
  ASSERT_EQ(r.status, 200);
  picojson::value v = Body(r);
  EXPECT_EQ(v.get("scope").get<std::string>(), "mail:read");
  auto access = f.tokens.OpenAccessToken(v.get("access_token").get<std::string>());
  ASSERT_OK(access);
  EXPECT_EQ(access->scopes.ToString(), "mail:read");
  auto refresh = f.tokens.OpenRefreshToken(v.get("refresh_token").get<std::string>());
  ASSERT_OK(refresh);
  EXPECT_EQ(refresh->scopes.ToString(), "mail:read");
}

TEST(TokenEndpoint, ARefreshKeepsTheGrantOrNarrowsTheAccessTokenOnly) {
  Fixture f;
  std::string refresh = Body(f.endpoint.Handle(f.CodeForm(f.Code()), "")).get("refresh_token").get<std::string>();
  picojson::value same = Body(f.endpoint.Handle(f.RefreshForm(refresh), ""));
  EXPECT_EQ(same.get("scope").get<std::string>(), "mail:read mail:send");

  ParamMap narrow = f.RefreshForm(refresh);
  narrow.emplace("scope", "mail:read");
  auto r = f.endpoint.Handle(narrow, "");
  ASSERT_EQ(r.status, 200);
  picojson::value v = Body(r);
  EXPECT_EQ(v.get("scope").get<std::string>(), "mail:read");
  EXPECT_EQ(f.tokens.OpenAccessToken(v.get("access_token").get<std::string>())->scopes.ToString(), "mail:read");
  // RFC 6749 §6: the new refresh token's scope is the original grant's, so a later refresh can
  // still ask for what the person allowed.
  EXPECT_EQ(f.tokens.OpenRefreshToken(v.get("refresh_token").get<std::string>())->scopes.ToString(),
            "mail:read mail:send");

  ParamMap empty = f.RefreshForm(refresh);
  empty.emplace("scope", "");
  EXPECT_EQ(Body(f.endpoint.Handle(empty, "")).get("scope").get<std::string>(), "mail:read mail:send");
}

TEST(TokenEndpoint, ARefreshNeverWidensTheGrant) {
  Fixture f;
  std::string refresh = Body(f.endpoint.Handle(f.CodeForm(f.Code("", ScopeSet{"mail:read"})), ""))
                            .get("refresh_token")
                            .get<std::string>();
  for (const char* wider : {"mail:read mail:send", "mail:delete", "mail:read unknown:scope"}) {
    ParamMap form = f.RefreshForm(refresh);
    form.emplace("scope", wider);
    auto r = f.endpoint.Handle(form, "");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(ErrorOf(r), "invalid_scope");
  }
  ParamMap malformed = f.RefreshForm(refresh);
  malformed.emplace("scope", "mail:read\"");
  EXPECT_EQ(ErrorOf(f.endpoint.Handle(malformed, "")), "invalid_scope");
}

namespace {

/// A token endpoint whose provider is played by `answer`.
struct UpstreamFixture {
  int64_t now = 1'800'000'000;
  TokenService tokens{std::string(32, 'k'), kIssuer, [this] { return now; }};
  UsedCodes used;
  int renewals = 0;
  StatusOr<RenewedSession> answer = Status::Internal("unset");
  TokenEndpoint endpoint{&tokens, &used, kIssuer + "/mcp", [this] { return now; },
                         [this](const SessionToken& s, const ClientRegistration& c) -> StatusOr<RenewedSession> {
                           ++renewals;
                           if (c.idp.kind != IdpKind::kGoogle || s.upstream.refresh_token != "provider-rt")
                             return Status::Internal("wrong session or client");
                           return answer;
                         }};
  std::string client_id = [this] {
    ClientRegistration c{{"imap.gmail.com", 993, true, "smtp.gmail.com", 465, true}, "secret", {"http://127.0.0.1"}};
    c.scopes = ScopeSet{"mail:read", "mail:send"};
    c.idp.kind = IdpKind::kGoogle;
    return *tokens.IssueClientId(c);
  }();
  MailAccount account = [] {
    MailAccount a;
    a.imap_username = a.smtp_username = a.email = "alice@gmail.com";
    a.bearer_token = "old-access";
    return a;
  }();

  /// A refresh of a session granted `granted`, asking for `scope` when given.
  TokenReply Refresh(const ScopeSet& granted = ScopeSet{"mail:read"}, const char* scope = nullptr) {
    const std::string rt =
        *tokens.IssueRefreshToken(account, ClientFingerprint(client_id), granted, {"provider-rt", now + 10});
    ParamMap form{
        {"grant_type", "refresh_token"}, {"refresh_token", rt}, {"client_id", client_id}, {"client_secret", "secret"}};
    if (scope) form.emplace("scope", scope);
    return endpoint.Handle(form, "");
  }
};

}  // namespace

TEST(TokenEndpoint, RefreshingAnOAuthAccountRenewsTheProvidersTokens) {
  UpstreamFixture f;
  MailAccount renewed = f.account;
  renewed.bearer_token = "new-access";
  f.answer = RenewedSession{renewed, {"rotated-rt", f.now + 3600}};
  TokenReply r = f.Refresh();
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(f.renewals, 1);
  picojson::value v = Body(r);
  EXPECT_EQ(v.get("expires_in").get<int64_t>(), 3540);
  EXPECT_EQ(v.get("scope").get<std::string>(), "mail:read");
  auto access = f.tokens.OpenAccessToken(v.get("access_token").get<std::string>());
  EXPECT_EQ(access->account.bearer_token, "new-access");
  auto refresh = f.tokens.OpenRefreshToken(v.get("refresh_token").get<std::string>());
  EXPECT_EQ(refresh->upstream.refresh_token, "rotated-rt");
  EXPECT_EQ(refresh->scopes.ToString(), "mail:read");
}

TEST(TokenEndpoint, TheProviderRefusingTheGrantIsInvalidGrant) {
  UpstreamFixture f;
  f.answer = Status::Unauthenticated("Google refused: invalid_grant (Token has been expired or revoked.)");
  TokenReply r = f.Refresh();
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorOf(r), "invalid_grant");
  EXPECT_CONTAINS(Body(r).get("error_description").get<std::string>(), "revoked");
  f.answer = Status::Unavailable("could not connect");
  r = f.Refresh();
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(ErrorOf(r), "temporarily_unavailable");
  f.answer = Status::InvalidArgument("Google refused: invalid_client");
  EXPECT_EQ(ErrorOf(f.Refresh()), "server_error");
}

TEST(TokenEndpoint, CodesOfOAuthAccountsGiveCappedAccessTokens) {
  UpstreamFixture f;
  AuthorizationGrant grant{.account = f.account,
                           .code_challenge = S256Challenge(kVerifier),
                           .redirect_uri = "http://127.0.0.1:5000/cb",
                           .client_fingerprint = ClientFingerprint(f.client_id),
                           .scopes = ScopeSet{"mail:read"},
                           .upstream = {"provider-rt", f.now + 100}};
  TokenReply r = f.endpoint.Handle({{"grant_type", "authorization_code"},
                                    {"code", *f.tokens.IssueCode(grant)},
                                    {"redirect_uri", "http://127.0.0.1:5000/cb"},
                                    {"code_verifier", kVerifier},
                                    {"client_id", f.client_id},
                                    {"client_secret", "secret"}},
                                   "");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Body(r).get("expires_in").get<int64_t>(), 75);
  EXPECT_EQ(f.renewals, 0);
  EXPECT_EQ(f.tokens.OpenRefreshToken(Body(r).get("refresh_token").get<std::string>())->upstream.refresh_token,
            "provider-rt");
}

TEST(TokenEndpoint, RefreshingAnOAuthAccountKeepsTheScopeRulesAndAsksTheProviderOnlyWhenTheyHold) {
  UpstreamFixture f;
  MailAccount renewed = f.account;
  renewed.bearer_token = "new-access";
  f.answer = RenewedSession{renewed, {"provider-rt", f.now + 3600}};
  const ScopeSet granted{"mail:read", "mail:send"};
  TokenReply wider = f.Refresh(granted, "mail:read mail:delete");
  EXPECT_EQ(ErrorOf(wider), "invalid_scope");
  EXPECT_EQ(f.renewals, 0);  // refused before the provider is asked

  TokenReply narrow = f.Refresh(granted, "mail:read");
  ASSERT_EQ(narrow.status, 200);
  EXPECT_EQ(f.renewals, 1);
  picojson::value v = Body(narrow);
  EXPECT_EQ(v.get("scope").get<std::string>(), "mail:read");
  auto access = f.tokens.OpenAccessToken(v.get("access_token").get<std::string>());
  EXPECT_EQ(access->scopes.ToString(), "mail:read");
  EXPECT_EQ(access->account.bearer_token, "new-access");
  // The new refresh token keeps the whole grant (RFC 6749 §6) with the provider's renewed tokens.
  auto refresh = f.tokens.OpenRefreshToken(v.get("refresh_token").get<std::string>());
  EXPECT_EQ(refresh->scopes.ToString(), "mail:read mail:send");
  EXPECT_EQ(refresh->account.bearer_token, "new-access");
}
