#include "mime/text_window.h"

#include "testing.h"

using namespace mail_mcp;

TEST(TextWindow, CountsCodePointsNotBytes) {
  const TextWindow w = WindowText("Grüße 日本語 😀!", 0, 100);
  EXPECT_EQ(w.total_chars, 12u);
  EXPECT_EQ(w.text, "Grüße 日本語 😀!");
  EXPECT_EQ(w.offset, 0u);
  EXPECT_FALSE(w.truncated);
}

TEST(TextWindow, WindowsNeverSplitMultibyteSequences) {
  const std::string s = "日本語😀x";
  EXPECT_EQ(WindowText(s, 0, 2).text, "日本");
  EXPECT_EQ(WindowText(s, 2, 2).text, "語😀");
  EXPECT_EQ(WindowText(s, 3, 1).text, "😀");
  EXPECT_EQ(WindowText(s, 4, 10).text, "x");
}

TEST(TextWindow, ReportsTruncationWhenTextFollows) {
  EXPECT_TRUE(WindowText("abcdef", 0, 3).truncated);
  EXPECT_TRUE(WindowText("abcdef", 2, 3).truncated);
  EXPECT_FALSE(WindowText("abcdef", 3, 3).truncated);
  EXPECT_FALSE(WindowText("abcdef", 0, 6).truncated);
}

TEST(TextWindow, OffsetPastTheEndGivesEmptyWindow) {
  const TextWindow w = WindowText("abc", 10, 5);
  EXPECT_EQ(w.text, "");
  EXPECT_EQ(w.offset, 3u);
  EXPECT_EQ(w.total_chars, 3u);
  EXPECT_FALSE(w.truncated);
}

TEST(TextWindow, ZeroLengthAndEmptyInputs) {
  const TextWindow z = WindowText("abc", 1, 0);
  EXPECT_EQ(z.text, "");
  EXPECT_TRUE(z.truncated);
  const TextWindow e = WindowText("", 0, 10);
  EXPECT_EQ(e.total_chars, 0u);
  EXPECT_EQ(e.text, "");
  EXPECT_FALSE(e.truncated);
}

TEST(TextWindow, HugeOffsetsAndLengthsDoNotOverflow) {
  const size_t max = static_cast<size_t>(-1);
  EXPECT_EQ(WindowText("abc", 1, max).text, "bc");
  EXPECT_EQ(WindowText("abc", max, max).text, "");
}
