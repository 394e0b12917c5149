#include "mime/format_flowed.h"

#include "testing.h"

using namespace mail_mcp;

TEST(FormatFlowed, SoftBreaksJoinIntoParagraphsAndHardBreaksStay) {
  EXPECT_EQ(UnwrapFlowed("This is a long \r\nparagraph that \r\nwraps.\r\nNext line.\r\n", false),
            "This is a long paragraph that wraps.\nNext line.\n");
  EXPECT_EQ(UnwrapFlowed("one \ntwo\n\nthree\n", false), "one two\n\nthree\n");
}

TEST(FormatFlowed, DelSpRemovesTheWrapSpaceSoSplitWordsRejoin) {
  // RFC 3676 §4.2: with DelSp=yes the space before a soft break was added by the sender.
  EXPECT_EQ(UnwrapFlowed("The table has col \r\numns and rows.\r\n", true), "The table has columns and rows.\n");
  EXPECT_EQ(UnwrapFlowed("The table has col \r\numns and rows.\r\n", false), "The table has col umns and rows.\n");
}

TEST(FormatFlowed, SpaceStuffingIsRemoved) {
  EXPECT_EQ(UnwrapFlowed(" From the start\r\n >not a quote\r\n  two spaces\r\n", false),
            "From the start\n>not a quote\n two spaces\n");
}

TEST(FormatFlowed, QuotedParagraphsFlowWithinTheirDepthOnly) {
  EXPECT_EQ(UnwrapFlowed("> quoted \r\n> text\r\n>> deeper \r\n>> still\r\nmine\r\n", false),
            "> quoted text\n>> deeper still\nmine\n");
  // A flowed line followed by another depth ends its paragraph there (§4.5).
  EXPECT_EQ(UnwrapFlowed("> open \r\nnot quoted\r\n", false), "> open \nnot quoted\n");
  EXPECT_EQ(UnwrapFlowed(">\r\n", false), ">\n");
}

TEST(FormatFlowed, SignatureSeparatorNeverFlows) {
  EXPECT_EQ(UnwrapFlowed("Bye \r\n-- \r\nAlice\r\n", true), "Bye-- \nAlice\n");
  EXPECT_EQ(UnwrapFlowed("Bye\r\n-- \r\nAlice", false), "Bye\n-- \nAlice");
}

TEST(FormatFlowed, EmptyAndUnterminatedInput) {
  EXPECT_EQ(UnwrapFlowed("", false), "");
  EXPECT_EQ(UnwrapFlowed("end \r\n", false), "end \n");
  EXPECT_EQ(UnwrapFlowed("no newline", true), "no newline");
}
