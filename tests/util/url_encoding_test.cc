#include "util/url_encoding.h"

#include "testing.h"

using namespace mail_mcp;

TEST(UrlEncoding, ParsesFormsWithPlusPercentAndRepeats) {
  auto p = ParseUrlEncoded("a=1&b=x+y%21&a=2&empty=&flag&&c=%E2%82%AC");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->count("a"), 2u);
  EXPECT_EQ(p->find("b")->second, "x y!");
  EXPECT_EQ(p->find("empty")->second, "");
  EXPECT_EQ(p->find("flag")->second, "");
  EXPECT_EQ(p->find("c")->second, "\xE2\x82\xAC");
}

TEST(UrlEncoding, RejectsBrokenEscapes) {
  EXPECT_FALSE(ParseUrlEncoded("a=%").has_value());
  EXPECT_FALSE(ParseUrlEncoded("a=%4").has_value());
  EXPECT_FALSE(ParseUrlEncoded("a=%zz").has_value());
}

TEST(UrlEncoding, EncodesEverythingButUnreserved) {
  EXPECT_EQ(PercentEncode("a b&c=d/é~"), "a%20b%26c%3Dd%2F%C3%A9~");
  EXPECT_EQ(EncodeParams({{"x", "1"}, {"y z", "\r\n"}}), "x=1&y%20z=%0D%0A");
  EXPECT_EQ(*PercentDecode("%0D%0A", false), "\r\n");
}
