#include "util/json_writer.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

picojson::value Parse(const std::string& text) {
  picojson::value v;
  std::string err = picojson::parse(v, text);
  if (!err.empty()) ::testing::Fail(__FILE__, __LINE__, "bad JSON: " + text);
  return v;
}

}  // namespace

TEST(WriteJson, IsByteForBytePicojsonsSerialization) {
  for (
      const char* text :
      {R"({"a":[1,-2,3.5,1e300,-0.25,9007199254740993,null,true,false],"b":{},"c":[],"":"x"})",
       R"({"path":"a/b\\c\"d","ctl":"\u0000\u0001\b\f\n\r\t\u001f\u007f","utf8":"Grüße, 日本語 🎉","z":{"nested":[{"k":"v"}]}})",
       R"(["only", "an", "array"])", R"("just a string with / and \\")", "123", "null"}) {
    picojson::value v = Parse(text);
    EXPECT_EQ(WriteJson(v), v.serialize());
  }
}

TEST(WriteJson, EveryByteEscapesAsPicojsonDoes) {
  std::string all;
  for (int c = 1; c < 256; ++c) all += char(c);
  picojson::value v(all);
  EXPECT_EQ(WriteJson(v), v.serialize());
  std::string appended = "x";
  AppendJsonString(&appended, all);
  EXPECT_EQ(appended, "x" + v.serialize());
}
