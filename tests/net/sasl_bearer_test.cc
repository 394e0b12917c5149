#include "net/sasl_bearer.h"

#include "crypto/base64.h"
#include "testing.h"

using namespace mail_mcp;

TEST(SaslBearer, AcceptsProviderTokensAndAddresses) {
  EXPECT_TRUE(CheckBearerLogin("someone@gmail.com", "ya29.a0AfB_byC-x~y+z/w==").ok());
  EXPECT_TRUE(CheckBearerLogin("a.b@contoso.onmicrosoft.com", "eyJ0eXAi.eyJhdWQi.c2ln").ok());
}

TEST(SaslBearer, RefusesTokensThatCouldInjectIntoTheSaslMessage) {
  for (const char* token : {"", "abc def",
                            "abc\x01"
                            "auth=Bearer x",
                            "abc\r\nA2 LOGOUT", "=abc", "ab=c", "a\"b"})
    EXPECT_EQ(CheckBearerLogin("u@example.test", token).code(), Status::Code::kInvalidArgument);
}

TEST(SaslBearer, RefusesUsernamesThatWouldForgeAFieldOrNeedEscaping) {
  for (const char* user : {"", "u\x01@example.test", "u\r\n@example.test", "a,b@example.test", "a=b@example.test"})
    EXPECT_EQ(CheckBearerLogin(user, "token").code(), Status::Code::kInvalidArgument);
}

TEST(SaslBearer, DescribesGooglesImapRefusal) {
  const std::string challenge =
      Base64Encode(R"({"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"})");
  const std::string transcript =
      "* OK Gimap ready\r\n+ " + challenge + "\r\nA002 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n";
  EXPECT_EQ(DescribeBearerRejection(transcript),
            ": [AUTHENTICATIONFAILED] Invalid credentials (Failure) (error 400: the server could not use the token; "
            "needs scope https://mail.google.com/)");
}

TEST(SaslBearer, DescribesDovecotsOauthbearerRefusalOverSmtp) {
  const std::string transcript = "220 localhost ESMTP\r\n250-localhost\r\n250 AUTH XOAUTH2 OAUTHBEARER\r\n334 " +
                                 Base64Encode(R"({"status":"invalid_token"})") +
                                 "\r\n535 Incorrect authentication data\r\n";
  EXPECT_EQ(DescribeBearerRejection(transcript),
            ": Incorrect authentication data (error invalid_token: the token is invalid, expired or revoked)");
}

TEST(SaslBearer, AChallengeWithoutAFinalReplyStillExplains) {
  // curl stops after an XOAUTH2 error challenge without waiting for the NO.
  EXPECT_EQ(DescribeBearerRejection("+ " + Base64Encode(R"({"status":"401","schemes":"bearer"})") + "\r\n"),
            " (error 401: the token is invalid, expired or revoked)");
}

TEST(SaslBearer, MicrosoftsPlainRefusalAndNothingAtAll) {
  EXPECT_EQ(DescribeBearerRejection("* OK The Microsoft Exchange IMAP4 service is ready.\r\nA002 NO AUTHENTICATE "
                                    "failed.\r\n"),
            ": AUTHENTICATE failed.");
  EXPECT_EQ(DescribeBearerRejection(""), "");
  EXPECT_EQ(DescribeBearerRejection("* OK ready\r\n"), "");
}

TEST(SaslBearer, HostileChallengesAreIgnoredOrMadePrintable) {
  // not base64, base64 of non-JSON, JSON nested deeply, a huge number, and control bytes in the values
  const std::string nested = Base64Encode(std::string(100, '[') + std::string(100, ']'));
  for (std::string b64 : {std::string("!!!"), Base64Encode("hello"), nested, Base64Encode(R"({"status":1e999})")})
    EXPECT_EQ(DescribeBearerRejection("+ " + b64 + "\r\n"), "");
  EXPECT_EQ(DescribeBearerRejection("+ " + Base64Encode("{\"status\":\"x\\u0007y\",\"scope\":\"a\\r\\nb\"}") + "\r\n"),
            " (error xy; needs scope ab)");
  const std::string long_text(1000, 'x');
  EXPECT_EQ(DescribeBearerRejection("A1 NO " + long_text + "\r\n").size(), 2 + 200 + 3);
}
