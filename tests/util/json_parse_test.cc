#include "util/json_parse.h"

#include "testing.h"

using namespace mail_mcp;

TEST(JsonParse, ParsesOneValueWithWhitespaceAround) {
  auto v = ParseJson(" \r\n{\"a\":[1,2.5,\"x\",null,true]}\t ");
  ASSERT_OK(v);
  ASSERT_TRUE(v->is<picojson::object>());
  EXPECT_EQ(v->get("a").get(0).get<int64_t>(), int64_t{1});
  EXPECT_EQ(v->get("a").get(2).get<std::string>(), "x");
}

TEST(JsonParse, NumbersOutOfDoubleRangeAreAnErrorNotAnException) {
  for (const char* text : {"1e999", "-1e999", "{\"x\":1E400}", "[0, 2e308]", "123456789012345678901234567890e300"}) {
    auto v = ParseJson(text);
    EXPECT_EQ(v.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(v.status().message(), "number out of range");
  }
  // Large integers fall back to doubles; only infinities are refused.
  auto big = ParseJson("123456789012345678901234567890");
  ASSERT_OK(big);
  EXPECT_TRUE(big->is<double>());
}

TEST(JsonParse, RejectsTrailingDataAndMalformedTextWithoutEchoingIt) {
  EXPECT_EQ(ParseJson("{} {}").status().message(), "unexpected data after the JSON value");
  EXPECT_EQ(ParseJson("\"a\"x").status().message(), "unexpected data after the JSON value");
  for (const char* text : {"", "{", "nul", "{\"secret-token\":}", "[1,]"}) {
    auto v = ParseJson(text);
    EXPECT_EQ(v.status().code(), Status::Code::kInvalidArgument);
    EXPECT_FALSE(v.status().message().empty());
    EXPECT_EQ(v.status().message().find("secret"), std::string::npos);
  }
}

TEST(JsonParse, NestingIsBoundedByPicojson) {
  std::string deep(100000, '[');
  EXPECT_FALSE(ParseJson(deep + std::string(100000, ']')).ok());
  std::string ok(50, '[');
  EXPECT_OK(ParseJson(ok + std::string(50, ']')));
}

TEST(JsonParse, AnObjectWithSurroundingWhitespace) {
  auto o = ParseJsonObject(" {\"a\": [1, {\"b\": \"c\"}]}\r\n");
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->at("a").is<picojson::array>());
}

TEST(JsonParse, ParseJsonObjectRefusesWhatIsNotOneObject) {
  for (const char* text : {"", "[]", "\"s\"", "{", "{} {}", "{\"a\":1e999}", "{\"a\":nul}"})
    EXPECT_EQ(ParseJsonObject(text).status().code(), Status::Code::kInvalidArgument);
}

TEST(JsonParse, ParseJsonObjectRefusesDeepNestingBeforeParsing) {
  std::string deep = "{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  EXPECT_EQ(ParseJsonObject(deep).status().message(), "JSON nested too deeply");
  EXPECT_TRUE(ParseJsonObject("{\"a\":[[[]]]}", 4).ok());
  EXPECT_FALSE(ParseJsonObject("{\"a\":[[[[]]]]}", 4).ok());
  EXPECT_EQ(JsonNestingDepth("{\"[[[\":[]}", 10), 2);  // brackets inside strings do not count
}
