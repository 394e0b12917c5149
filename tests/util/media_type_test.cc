#include "util/media_type.h"

#include <string>

#include "testing.h"

using namespace mail_mcp;

TEST(MediaType, BareTypeSlashSubtypeOnly) {
  EXPECT_TRUE(IsMediaType("application/pdf"));
  EXPECT_TRUE(IsMediaType("image/svg+xml"));
  EXPECT_TRUE(IsMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
  EXPECT_FALSE(IsMediaType("text/plain; charset=utf-8"));
  EXPECT_FALSE(IsMediaType("text/html\r\nX: y"));
  EXPECT_FALSE(IsMediaType("text"));
  EXPECT_FALSE(IsMediaType("/plain"));
  EXPECT_FALSE(IsMediaType("text/"));
  EXPECT_FALSE(IsMediaType("a/b/c"));
  EXPECT_FALSE(IsMediaType("text/" + std::string(128, 'x')));
}

TEST(MediaType, ParsesTypeSubtypeAndParameters) {
  auto m = ParseMediaType("Application/JSON; Charset=\"utf-8\" ;profile=x");
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->Is("application", "json"));
  EXPECT_EQ(m->Parameter("charset").value_or(""), "utf-8");
  EXPECT_EQ(m->Parameter("profile").value_or(""), "x");
  EXPECT_FALSE(m->Parameter("q").has_value());
  auto quoted = ParseMediaType(R"(multipart/form-data; boundary="a \"b\" c")");
  ASSERT_TRUE(quoted.has_value());
  EXPECT_EQ(quoted->Parameter("boundary").value_or(""), "a \"b\" c");
  EXPECT_TRUE(ParseMediaType("application/json;").has_value());
}

// "application/jsonx" and "application/json-patch+json" passed a prefix or substring check
// (issue 19, item 8).
TEST(MediaType, NeighboursOfJsonAreNotJson) {
  for (const char* v :
       {"application/jsonx", "application/json-patch+json", "application/json+x", "application/jsonp"}) {
    auto m = ParseMediaType(v);
    ASSERT_TRUE(m.has_value());
    EXPECT_FALSE(m->Is("application", "json"));
  }
  EXPECT_FALSE(ParseMediaType("application/json x").has_value());
  EXPECT_FALSE(ParseMediaType("application/json,text/plain").has_value());
  EXPECT_FALSE(ParseMediaType("application/json; charset").has_value());
  EXPECT_FALSE(ParseMediaType("application/json; charset=\"utf-8").has_value());
  EXPECT_FALSE(ParseMediaType("application/json; =x").has_value());
  EXPECT_FALSE(ParseMediaType("application/").has_value());
  EXPECT_FALSE(ParseMediaType("json").has_value());
  EXPECT_FALSE(ParseMediaType("").has_value());
}

TEST(MediaType, AcceptQualityTakesTheMostSpecificRange) {
  EXPECT_EQ(AcceptQuality("", "application", "json"), 1000);
  EXPECT_EQ(AcceptQuality("application/json, text/event-stream", "application", "json"), 1000);
  EXPECT_EQ(AcceptQuality("text/event-stream, application/json;q=0.5", "application", "json"), 500);
  EXPECT_EQ(AcceptQuality("*/*", "application", "json"), 1000);
  EXPECT_EQ(AcceptQuality("application/*;q=0.2", "application", "json"), 200);
  EXPECT_EQ(AcceptQuality("*/*;q=0.9, application/json;q=0", "application", "json"), 0);
  EXPECT_EQ(AcceptQuality("application/json;q=0, */*", "application", "json"), 0);
  EXPECT_EQ(AcceptQuality("APPLICATION/JSON; Q=1.0", "application", "json"), 1000);
  EXPECT_EQ(AcceptQuality("application/json; charset=utf-8", "application", "json"), 1000);
}

TEST(MediaType, AcceptNeighboursOfJsonDoNotAcceptJson) {
  EXPECT_EQ(AcceptQuality("application/jsonx", "application", "json"), 0);
  EXPECT_EQ(AcceptQuality("application/json-patch+json", "application", "json"), 0);
  EXPECT_EQ(AcceptQuality("text/html", "application", "json"), 0);
  EXPECT_EQ(AcceptQuality("text/*", "application", "json"), 0);
  EXPECT_EQ(AcceptQuality("*/json", "application", "json"), 0);
  EXPECT_EQ(AcceptQuality("application/json;q=2", "application", "json"), 0);
  EXPECT_EQ(AcceptQuality("application/json;q=abc", "application", "json"), 0);
  EXPECT_EQ(AcceptQuality("garbage, application/json", "application", "json"), 1000);
}
