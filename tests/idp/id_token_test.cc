#include "idp/id_token.h"

#include <picojson.h>

#include "crypto/base64.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

constexpr int64_t kNow = 1'800'000'000;

IdpProvider Generic() {
  IdpProvider p;
  p.kind = IdpKind::kGeneric;
  p.issuer = "https://id.example";
  p.issuer_rule = IssuerRule::kExact;
  p.credentials = {"our-app", "secret"};
  return p;
}

std::string Jwt(picojson::object claims) {
  return Base64UrlEncode(R"({"alg":"RS256"})") + "." + Base64UrlEncode(picojson::value(claims).serialize()) + ".sig";
}

picojson::object Claims() {
  picojson::object c;
  c["iss"] = picojson::value("https://id.example");
  c["aud"] = picojson::value("our-app");
  c["exp"] = picojson::value(kNow + 3600);
  c["email"] = picojson::value("alice@example.com");
  c["name"] = picojson::value("Alice Example");
  return c;
}

}  // namespace

TEST(IdToken, ReadsTheAddressAndName) {
  auto c = ReadIdToken(Jwt(Claims()), Generic(), kNow);
  ASSERT_OK(c);
  EXPECT_EQ(c->email, "alice@example.com");
  EXPECT_EQ(c->name, "Alice Example");
}

TEST(IdToken, MicrosoftsPreferredUsernameStandsInForAMissingEmail) {
  picojson::object claims = Claims();
  claims.erase("email");
  claims["preferred_username"] = picojson::value("alice@contoso.com");
  EXPECT_EQ(ReadIdToken(Jwt(claims), Generic(), kNow)->email, "alice@contoso.com");
  claims["preferred_username"] = picojson::value("not an address");
  EXPECT_EQ(ReadIdToken(Jwt(claims), Generic(), kNow)->email, "");
}

TEST(IdToken, AnUnverifiedEmailIsNotTrusted) {
  picojson::object claims = Claims();
  claims["email_verified"] = picojson::value(false);
  EXPECT_EQ(ReadIdToken(Jwt(claims), Generic(), kNow)->email, "");
}

TEST(IdToken, RefusesTokensForAnotherAppIssuerOrTime) {
  picojson::object c = Claims();
  c["aud"] = picojson::value("someone-else");
  EXPECT_CONTAINS(ReadIdToken(Jwt(c), Generic(), kNow).status().message(), "aud");
  c = Claims();
  picojson::array auds{picojson::value("x"), picojson::value("our-app")};
  c["aud"] = picojson::value(auds);
  EXPECT_OK(ReadIdToken(Jwt(c), Generic(), kNow));
  c["azp"] = picojson::value("x");
  EXPECT_CONTAINS(ReadIdToken(Jwt(c), Generic(), kNow).status().message(), "azp");
  c = Claims();
  c["iss"] = picojson::value("https://evil.example");
  EXPECT_CONTAINS(ReadIdToken(Jwt(c), Generic(), kNow).status().message(), "iss");
  c = Claims();
  c["exp"] = picojson::value(kNow - 301);
  EXPECT_CONTAINS(ReadIdToken(Jwt(c), Generic(), kNow).status().message(), "expired");
  c["exp"] = picojson::value(kNow - 299);  // within the clock skew
  EXPECT_OK(ReadIdToken(Jwt(c), Generic(), kNow));
}

TEST(IdToken, MalformedTokensAreErrorsNotCrashes) {
  for (std::string bad : {std::string(""), std::string("a.b"), std::string("a.b.c.d"), std::string("x.!!!.y"),
                          "x." + Base64UrlEncode("[1]") + ".y", "x." + Base64UrlEncode("{\"exp\":1e999}") + ".y",
                          std::string(20000, 'a')})
    EXPECT_FALSE(ReadIdToken(bad, Generic(), kNow).ok());
}

TEST(IdToken, ANameWithALineBreakOrAnyControlCharacterIsDropped) {
  picojson::object c = Claims();
  for (std::string bad : {std::string("Alice\r\nBcc: victim@example.com"), std::string("Alice\0Bob", 9),
                          std::string("Alice\x1b[31m"), std::string("Alice\x7f")}) {
    c["name"] = picojson::value(bad);
    EXPECT_EQ(ReadIdToken(Jwt(c), Generic(), kNow)->name, "");
  }
  c["name"] = picojson::value("Zo\xC3\xAB O\u2019Brien");
  EXPECT_EQ(ReadIdToken(Jwt(c), Generic(), kNow)->name, "Zo\xC3\xAB O\u2019Brien");
}
