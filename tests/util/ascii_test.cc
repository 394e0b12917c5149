#include "util/ascii.h"

#include "testing.h"

using namespace mail_mcp;

TEST(Ascii, CaseMappingTouchesOnlyAsciiLetters) {
  EXPECT_EQ(ToLowerAscii("INBOX/Sent-2024_[X]@"), "inbox/sent-2024_[x]@");
  EXPECT_EQ(ToUpperAscii("body.peek[header]<0>"), "BODY.PEEK[HEADER]<0>");
  // UTF-8 bytes (here "É" and "ß") pass through: no locale decides what they become.
  EXPECT_EQ(ToLowerAscii("\xC3\x89t\xC3\x89"), "\xC3\x89t\xC3\x89");
  EXPECT_EQ(ToUpperAscii("stra\xC3\x9F"
                         "e"),
            "STRA\xC3\x9F"
            "E");
  EXPECT_EQ(ToLowerAscii('@'), '@');
  EXPECT_EQ(ToUpperAscii('['), '[');
  EXPECT_EQ(ToLowerAscii('\xC9'), '\xC9');
}

TEST(Ascii, EqualsIgnoreCaseFoldsAsciiLettersOnly) {
  EXPECT_TRUE(EqualsIgnoreCase("Content-Type", "content-TYPE"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("NIL", "NILS"));
  EXPECT_FALSE(EqualsIgnoreCase("\xC3\xA9", "\xC3\x89"));  // é vs É: not ASCII, not folded
  EXPECT_FALSE(EqualsIgnoreCase("@", "`"));                // 0x40 and 0x60 differ by the case bit only
}

TEST(Ascii, StartsWithIgnoreCaseNeedsTheWholePrefix) {
  EXPECT_TRUE(StartsWithIgnoreCase("Mailbox doesn't exist: X", "MAILBOX DOESN'T EXIST"));
  EXPECT_TRUE(StartsWithIgnoreCase("rcpt to:<a@b>", "RCPT TO:"));
  EXPECT_TRUE(StartsWithIgnoreCase("x", ""));
  EXPECT_FALSE(StartsWithIgnoreCase("RCPT", "RCPT TO:"));
  EXPECT_FALSE(StartsWithIgnoreCase("MAIL FROM", "RCPT"));
}

TEST(Ascii, AllDigitsIsFalseForEmptyAndNonDigits) {
  EXPECT_TRUE(AllDigits("0"));
  EXPECT_TRUE(AllDigits("20240131"));
  EXPECT_FALSE(AllDigits(""));
  EXPECT_FALSE(AllDigits("12a"));
  EXPECT_FALSE(AllDigits("-1"));
  EXPECT_FALSE(AllDigits(" 1"));
  EXPECT_FALSE(AllDigits("\xD9\xA3"));  // ARABIC-INDIC DIGIT THREE is not an ASCII digit
}

TEST(Ascii, CharacterClassesAreAsciiOnly) {
  EXPECT_TRUE(IsAsciiDigit('7'));
  EXPECT_FALSE(IsAsciiDigit('a'));
  EXPECT_TRUE(IsAsciiAlpha('z'));
  EXPECT_TRUE(IsAsciiAlpha('Q'));
  EXPECT_FALSE(IsAsciiAlpha('\xE9'));
  EXPECT_TRUE(IsAsciiAlnum('0'));
  EXPECT_FALSE(IsAsciiAlnum('_'));
  EXPECT_TRUE(IsAsciiHexDigit('f'));
  EXPECT_TRUE(IsAsciiHexDigit('F'));
  EXPECT_FALSE(IsAsciiHexDigit('g'));
}

TEST(Ascii, TrimRemovesSpaceTabCrLfByDefault) {
  EXPECT_EQ(Trim(" \t\r\n value \r\n"), "value");
  EXPECT_EQ(Trim("a b"), "a b");
  EXPECT_EQ(Trim(" \t\r\n"), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("\fx\f"), "\fx\f");  // form feed is not in the default set
}

TEST(Ascii, TrimRemovesOnlyTheGivenCharacters) {
  EXPECT_EQ(Trim("\t x \t", " "), "\t x \t");
  EXPECT_EQ(Trim("\"'label'\"", "\"'"), "label");
  EXPECT_EQ(TrimLeft("  x  ", " "), "x  ");
  EXPECT_EQ(TrimRight("  x  ", " "), "  x");
  EXPECT_EQ(TrimRight("x \t\r", " \t\r"), "x");
}

TEST(Ascii, FullyTrimmedViewStaysInsideTheInput) {
  const std::string_view s = "   ";
  const std::string_view t = TrimLeft(s);
  EXPECT_TRUE(t.empty());
  EXPECT_TRUE(t.data() == s.data() + s.size());
  EXPECT_TRUE(TrimRight(s).data() == s.data());
}

TEST(Ascii, CollapseWhitespaceJoinsWordsWithOneSpace) {
  EXPECT_EQ(CollapseWhitespace("  <a@x>\r\n\t<b@y>  <c@z>\r\n"), "<a@x> <b@y> <c@z>");
  EXPECT_EQ(CollapseWhitespace(" \t\r\n"), "");
  EXPECT_EQ(CollapseWhitespace("one"), "one");
  // SigV4 "Trimall" folds spaces and tabs only.
  EXPECT_EQ(CollapseWhitespace("\t a \t b\r\n", " \t"), "a b\r\n");
}
