#include "util/utf8.h"

#include "testing.h"

using namespace mail_mcp;

TEST(Utf8, AcceptsValidTextOfEveryLength) {
  EXPECT_TRUE(IsValidUtf8("a é € 😀"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Utf8, RejectsOverlongSurrogateAndOutOfRange) {
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
}

TEST(Utf8, ToValidUtf8ReplacesEachBadByte) {
  EXPECT_EQ(ToValidUtf8("a\xFF"
                        "b\xE2\x82"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ToValidUtf8("ok é"), "ok é");
}
