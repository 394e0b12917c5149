#include "crypto/pkce.h"

#include "crypto/constant_time.h"
#include "testing.h"

using namespace mail_mcp;

TEST(Pkce, Rfc7636AppendixBVector) {
  EXPECT_EQ(S256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  EXPECT_TRUE(VerifyS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

TEST(Pkce, RejectsWrongVerifier) {
  EXPECT_FALSE(
      VerifyS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

TEST(Pkce, VerifierGrammarIsEnforced) {
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a')));
  EXPECT_TRUE(IsValidCodeVerifier(std::string(43, 'a')));
  EXPECT_TRUE(IsValidCodeVerifier(std::string(128, '~')));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(129, 'a')));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a') + "+"));
  EXPECT_FALSE(IsValidCodeVerifier(std::string(42, 'a') + "="));
  // The plain method's trick (verifier == challenge) must not pass S256.
  std::string challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  EXPECT_FALSE(VerifyS256(challenge, challenge));
}

TEST(Pkce, ChallengeShape) {
  EXPECT_TRUE(IsValidS256Challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
  EXPECT_FALSE(IsValidS256Challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c"));
  EXPECT_FALSE(IsValidS256Challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM"));
}

TEST(ConstantTime, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret2"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}
