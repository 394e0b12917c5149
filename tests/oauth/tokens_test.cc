#include "oauth/tokens.h"

#include "crypto/base64.h"
#include "crypto/jwe.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

const std::string kKey(32, 'k');
const std::string kIssuer = "https://mail.example.com";
const ScopeSet kGrant{"mail:read", "mail:draft"};

struct FakeClock {
  int64_t now = 1'800'000'000;
};

MailAccount Account() {
  MailAccount a;
  a.servers = {"imap.example.com", 993, true, "smtp.example.com", 587, false};
  a.imap_username = "alice@example.com";
  a.imap_password = "pä$$\"word";
  a.smtp_username = "alice";
  a.smtp_password = "smtp-secret";
  a.email = "alice@example.com";
  a.full_name = "Alice Ünïcode";
  return a;
}

}  // namespace

TEST(Tokens, ClientIdRoundTripsRegistration) {
  TokenService tokens(kKey, kIssuer);
  ClientRegistration c{{"imap.gmail.com", 993, true, "smtp.gmail.com", 465, true}, "s3cret", {"http://127.0.0.1"}};
  auto id = tokens.IssueClientId(c);
  ASSERT_OK(id);
  auto back = tokens.OpenClientId(*id);
  ASSERT_OK(back);
  EXPECT_EQ(back->servers.imap_host, "imap.gmail.com");
  EXPECT_EQ(back->servers.smtp_port, 465);
  EXPECT_TRUE(back->servers.smtp_ssl);
  EXPECT_EQ(back->client_secret, "s3cret");
  ASSERT_EQ(back->redirect_uris.size(), 1u);
  EXPECT_EQ(back->redirect_uris[0], "http://127.0.0.1");
}

TEST(Tokens, ClientIdNeverExpires) {
  FakeClock clock;
  TokenService tokens(kKey, kIssuer, [&] { return clock.now; });
  auto id = *tokens.IssueClientId({{"i", 993, true, "s", 587, false}, "x", {}});
  clock.now += 10LL * 365 * 86400;
  EXPECT_OK(tokens.OpenClientId(id));
}

TEST(Tokens, AccessTokenCarriesTheAccountAndExpiresAfterEightHours) {
  FakeClock clock;
  TokenService tokens(kKey, kIssuer, [&] { return clock.now; });
  auto t = *tokens.IssueAccessToken(Account(), "fp", kGrant);
  auto opened = tokens.OpenAccessToken(t);
  ASSERT_OK(opened);
  EXPECT_EQ(opened->account.imap_password, "pä$$\"word");
  EXPECT_EQ(opened->account.full_name, "Alice Ünïcode");
  EXPECT_EQ(opened->account.servers.imap_port, 993);
  EXPECT_EQ(opened->client_fingerprint, "fp");
  EXPECT_EQ(opened->scopes.ToString(), "mail:draft mail:read");
  EXPECT_EQ(opened->expires_at, clock.now + 8 * 3600);
  clock.now += 8 * 3600 - 1;
  EXPECT_OK(tokens.OpenAccessToken(t));
  clock.now += 1;
  auto expired = tokens.OpenAccessToken(t);
  EXPECT_EQ(expired.status().code(), Status::Code::kExpired);
  EXPECT_CONTAINS(expired.status().message(), "expired");
}

TEST(Tokens, RefreshLivesThirtyDaysAndCodeFiveMinutes) {
  FakeClock clock;
  TokenService tokens(kKey, kIssuer, [&] { return clock.now; });
  auto refresh = *tokens.IssueRefreshToken(Account(), "fp", kGrant);
  AuthorizationGrant g{Account(), "challenge", "http://127.0.0.1:1234/cb", "fp", kGrant};
  auto code = *tokens.IssueCode(g);
  auto opened = tokens.OpenCode(code);
  ASSERT_OK(opened);
  EXPECT_EQ(opened->redirect_uri, "http://127.0.0.1:1234/cb");
  EXPECT_EQ(opened->code_challenge, "challenge");
  EXPECT_TRUE(opened->scopes == kGrant);
  EXPECT_FALSE(opened->jti.empty());
  clock.now += 5 * 60;
  EXPECT_EQ(tokens.OpenCode(code).status().code(), Status::Code::kExpired);
  EXPECT_OK(tokens.OpenRefreshToken(refresh));
  clock.now += 30 * 86400;
  EXPECT_EQ(tokens.OpenRefreshToken(refresh).status().code(), Status::Code::kExpired);
}

TEST(Tokens, EveryWrongKindPairIsRejected) {
  TokenService tokens(kKey, kIssuer);
  std::string by_kind[4] = {
      *tokens.IssueClientId({{"i", 993, true, "s", 587, false}, "x", {}}),
      *tokens.IssueCode({Account(), "c", "http://127.0.0.1/cb", "fp", kGrant}),
      *tokens.IssueAccessToken(Account(), "fp", kGrant),
      *tokens.IssueRefreshToken(Account(), "fp", kGrant),
  };
  for (int presented = 0; presented < 4; ++presented) {
    EXPECT_EQ(tokens.OpenClientId(by_kind[presented]).ok(), presented == 0);
    EXPECT_EQ(tokens.OpenCode(by_kind[presented]).ok(), presented == 1);
    EXPECT_EQ(tokens.OpenAccessToken(by_kind[presented]).ok(), presented == 2);
    EXPECT_EQ(tokens.OpenRefreshToken(by_kind[presented]).ok(), presented == 3);
  }
  // Codes and refresh tokens share an audience (the token endpoint): only `typ` tells them apart.
  EXPECT_CONTAINS(tokens.OpenRefreshToken(by_kind[1]).status().message(), "wrong kind");
  EXPECT_CONTAINS(tokens.OpenCode(by_kind[3]).status().message(), "wrong kind");
}

TEST(Tokens, WrongIssuerAndWrongKeyHaveTheirOwnErrors) {
  TokenService ours(kKey, kIssuer);
  TokenService other_issuer(kKey, "https://other.example.com");
  TokenService other_key(std::string(32, 'z'), kIssuer);
  auto t = *ours.IssueAccessToken(Account(), "fp", kGrant);
  EXPECT_CONTAINS(other_issuer.OpenAccessToken(t).status().message(), "issuer");
  EXPECT_CONTAINS(other_key.OpenAccessToken(t).status().message(), "invalid");
  EXPECT_EQ(other_key.OpenAccessToken(t).status().code(), Status::Code::kUnauthenticated);
}

TEST(Tokens, WrongAudienceIsRejected) {
  // A token sealed with our key and issuer but meant for another resource.
  JweCodec jwe(kKey);
  auto t = *jwe.Encrypt(R"({"typ":"access","iss":"https://mail.example.com","aud":"https://elsewhere/mcp",)"
                        R"("iat":1,"exp":99999999999,"jti":"x"})");
  auto r = TokenService(kKey, kIssuer).OpenAccessToken(t);
  EXPECT_CONTAINS(r.status().message(), "audience");
}

TEST(Tokens, DecryptableButMalformedClaimsAreErrorsNotCrashes) {
  JweCodec jwe(kKey);
  TokenService tokens(kKey, kIssuer);
  const char* bodies[] = {
      "[]",
      "null",
      "{",
      R"({"typ":"access"})",
      R"({"typ":"access","iss":"https://mail.example.com","aud":"https://mail.example.com/mcp","exp":"soon"})",
      R"({"typ":"access","iss":"https://mail.example.com","aud":"https://mail.example.com/mcp","exp":99999999999})",
      R"({"typ":"access","iss":"https://mail.example.com","aud":"https://mail.example.com/mcp"})",
  };
  for (const char* body : bodies) EXPECT_FALSE(tokens.OpenAccessToken(*jwe.Encrypt(body)).ok());
}

TEST(Tokens, NumbersOutOfDoubleRangeAreInvalidTokensNotExceptions) {
  // In the unauthenticated header (anyone can send it) and in sealed claims alike.
  TokenService tokens(kKey, kIssuer);
  std::string forged = Base64UrlEncode(R"({"alg":"dir","enc":"A256GCM","x":1e999})") + "..AAAAAAAAAAAAAAAA.AAAA." +
                       Base64UrlEncode(std::string(16, '\0'));
  auto opened = tokens.OpenAccessToken(forged);
  EXPECT_EQ(opened.status().code(), Status::Code::kUnauthenticated);
  EXPECT_FALSE(tokens.OpenClientId(forged).ok());
  EXPECT_FALSE(tokens.OpenCode(forged).ok());
  EXPECT_FALSE(tokens.OpenRefreshToken(forged).ok());
  auto sealed = JweCodec(kKey).Encrypt(R"({"typ":"access","iss":"https://mail.example.com","exp":1e999})");
  ASSERT_OK(sealed);
  auto claims = tokens.OpenAccessToken(*sealed);
  EXPECT_EQ(claims.status().code(), Status::Code::kUnauthenticated);
  EXPECT_CONTAINS(claims.status().message(), "not a JSON object");
}

TEST(Tokens, ClaimNamesMatchTheOriginalServer) {
  TokenService tokens(kKey, kIssuer);
  auto t = *tokens.IssueAccessToken(Account(), "fp", kGrant);
  std::string json = *JweCodec(kKey).Decrypt(t);
  for (const char* name : {"\"imap_host\"", "\"imap_port\":993", "\"imap_ssl\":true", "\"imap_username\"",
                           "\"imap_password\"", "\"smtp_host\"", "\"smtp_port\":587", "\"smtp_ssl\":false",
                           "\"smtp_username\"", "\"smtp_password\"", "\"email\"", "\"full_name\"", "\"iat\"", "\"exp\"",
                           "\"jti\"", "\"typ\":\"access\"", "\"aud\"", "\"scope\":\"mail:draft mail:read\""})
    EXPECT_CONTAINS(json, name);
}

TEST(Tokens, ClientFingerprintIsShortAndStable) {
  EXPECT_EQ(ClientFingerprint("abc").size(), 22u);
  EXPECT_EQ(ClientFingerprint("abc"), ClientFingerprint("abc"));
  EXPECT_NE(ClientFingerprint("abc"), ClientFingerprint("abd"));
}

TEST(Tokens, ClientIdSealsItsCeilingAndName) {
  TokenService tokens(kKey, kIssuer);
  ClientRegistration c{{"i", 993, true, "s", 587, false}, "x", {}, ScopeSet{"mail:read"}, "Claude \"work\""};
  auto back = tokens.OpenClientId(*tokens.IssueClientId(c));
  ASSERT_OK(back);
  EXPECT_EQ(back->scopes.ToString(), "mail:read");
  EXPECT_EQ(back->name, "Claude \"work\"");
}

TEST(Tokens, ClientIdsAndTokensFromBeforeScopesOpenAsTheLegacyGrant) {
  // What a client id and an access token issued by the previous release hold: no scope, no name.
  JweCodec jwe(kKey);
  const ScopeSet everything{"mail:read", "mail:organize", "mail:draft", "mail:send", "mail:delete"};
  TokenService tokens(kKey, kIssuer, nullptr, everything);
  auto client = tokens.OpenClientId(*jwe.Encrypt(
      R"({"typ":"client_id","iss":"https://mail.example.com","aud":"https://mail.example.com","iat":1,"jti":"j",)"
      R"("imap_host":"i","imap_port":993,"imap_ssl":true,"smtp_host":"s","smtp_port":587,"smtp_ssl":false,)"
      R"("cs":"secret","redirect_uris":["http://127.0.0.1"]})"));
  ASSERT_OK(client);
  EXPECT_TRUE(client->scopes == everything);
  EXPECT_EQ(client->name, "");

  std::string access = *tokens.IssueAccessToken(Account(), "fp", kGrant);
  std::string claims = *jwe.Decrypt(access);
  size_t at = claims.find(",\"scope\":\"mail:draft mail:read\"");
  ASSERT_TRUE(at != std::string::npos);
  claims.erase(at, std::string(",\"scope\":\"mail:draft mail:read\"").size());
  auto legacy = tokens.OpenAccessToken(*jwe.Encrypt(claims));
  ASSERT_OK(legacy);
  EXPECT_TRUE(legacy->scopes == everything);
  // Without a legacy grant configured, such a token opens with no scope at all (fails closed).
  EXPECT_TRUE(TokenService(kKey, kIssuer).OpenAccessToken(*jwe.Encrypt(claims))->scopes.empty());
}

TEST(Tokens, AMalformedScopeClaimIsAnError) {
  JweCodec jwe(kKey);
  TokenService tokens(kKey, kIssuer);
  std::string claims = *jwe.Decrypt(*tokens.IssueAccessToken(Account(), "fp", kGrant));
  for (const char* bad : {R"("scope":42)", R"("scope":"mail:read\\x")"}) {
    std::string c = claims;
    size_t at = c.find(R"("scope":"mail:draft mail:read")");
    ASSERT_TRUE(at != std::string::npos);
    c.replace(at, std::string(R"("scope":"mail:draft mail:read")").size(), bad);
    auto r = tokens.OpenAccessToken(*jwe.Encrypt(c));
    EXPECT_FALSE(r.ok());
    EXPECT_CONTAINS(r.status().message(), "scope");
  }
}
