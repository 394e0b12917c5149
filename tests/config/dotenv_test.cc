#include "config/dotenv.h"

#include "testing.h"

using namespace mail_mcp;

TEST(DotEnv, ParsesCommentsExportQuotesAndInlineComments) {
  auto env = ParseDotEnv(
      "# comment\n"
      "\n"
      "BASE_URL=https://mail.example.com\n"
      "export PORT=8080\r\n"
      "A='single # kept $X'\n"
      "B=\"double \\\"q\\\" \\n x\"\n"
      "C=value # trailing comment\n"
      "D=\n"
      "  E = spaced  \n");
  ASSERT_OK(env);
  EXPECT_EQ(env->at("BASE_URL"), "https://mail.example.com");
  EXPECT_EQ(env->at("PORT"), "8080");
  EXPECT_EQ(env->at("A"), "single # kept $X");
  EXPECT_EQ(env->at("B"), "double \"q\" \n x");
  EXPECT_EQ(env->at("C"), "value");
  EXPECT_EQ(env->at("D"), "");
  EXPECT_EQ(env->at("E"), "spaced");
}

TEST(DotEnv, ErrorsNameTheLineButNotTheValue) {
  auto env = ParseDotEnv("OK=1\nSECRET=\"hunter2\n");
  ASSERT_FALSE(env.ok());
  EXPECT_CONTAINS(env.status().message(), "line 2");
  EXPECT_EQ(env.status().message().find("hunter2"), std::string::npos);
  EXPECT_FALSE(ParseDotEnv("no equals sign\n").ok());
  EXPECT_FALSE(ParseDotEnv("1BAD=x\n").ok());
  EXPECT_FALSE(ParseDotEnv("A-B=x\n").ok());
  EXPECT_FALSE(ParseDotEnv("A=\"x\" trailing\n").ok());
}
