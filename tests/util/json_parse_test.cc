#include "util/json_parse.h"

#include "testing.h"

using namespace mail_mcp;

TEST(JsonParse, ParsesAnObjectWithSurroundingWhitespace) {
  auto o = ParseJsonObject(" {\"a\": [1, {\"b\": \"c\"}]}\r\n");
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->at("a").is<picojson::array>());
}

TEST(JsonParse, RefusesWhatIsNotOneObject) {
  for (const char* text : {"", "[]", "\"s\"", "{", "{} {}", "{\"a\":1e999}", "{\"a\":nul}"})
    EXPECT_EQ(ParseJsonObject(text).status().code(), Status::Code::kInvalidArgument);
}

TEST(JsonParse, RefusesDeepNestingBeforeParsing) {
  std::string deep = "{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  EXPECT_EQ(ParseJsonObject(deep).status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(ParseJsonObject("{\"a\":[[[]]]}", 4).ok());
  EXPECT_FALSE(ParseJsonObject("{\"a\":[[[[]]]]}", 4).ok());
  EXPECT_EQ(JsonNestingDepth("{\"[[[\":[]}", 10), 2);  // brackets inside strings do not count
}
