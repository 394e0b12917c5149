#include "imap/message_flags.h"

#include <string>

#include "testing.h"

using namespace mail_mcp;

TEST(MessageFlags, SystemFlagsAreSpelledCanonically) {
  auto seen = NormalizeFlag("\\SEEN");
  ASSERT_OK(seen);
  EXPECT_EQ(*seen, "\\Seen");
  auto deleted = NormalizeFlag("\\deleted");
  ASSERT_OK(deleted);
  EXPECT_EQ(*deleted, "\\Deleted");
  EXPECT_FALSE(NormalizeFlag("\\Recent").ok());
  EXPECT_FALSE(NormalizeFlag("\\Unknown").ok());
  EXPECT_FALSE(NormalizeFlag("").ok());
}

TEST(MessageFlags, KeywordsMustBeAtoms) {
  auto k = NormalizeFlag("$Forwarded");
  ASSERT_OK(k);
  EXPECT_EQ(*k, "$Forwarded");
  EXPECT_FALSE(NormalizeFlag("two words").ok());
  EXPECT_FALSE(NormalizeFlag("a]b").ok());
  EXPECT_FALSE(NormalizeFlag(std::string(101, 'k')).ok());
}

// A C-string comparison stops at NUL: "\\Deleted\0X" compared equal to \Deleted, and the message
// was deleted (issue 19, item 10).
TEST(MessageFlags, AControlByteAfterASystemFlagIsRefusedNotCutOff) {
  for (std::string flag : {std::string("\\Deleted\0X", 10), std::string("\\Seen\0", 6), std::string("\\Flagged\r\n"),
                           std::string("\\Seen\x7f"), std::string("\\Draft\t")}) {
    auto f = NormalizeFlag(flag);
    EXPECT_FALSE(f.ok());
    if (!f.ok()) {
      EXPECT_CONTAINS(f.status().message(), "control character");
      EXPECT_EQ(f.status().message().find('\0'), std::string::npos);
    }
  }
}

TEST(MessageFlags, AControlByteInAKeywordIsRefused) {
  for (std::string flag : {std::string("$Junk\0", 6), std::string("a\x01"), std::string("label\x7f")}) {
    auto f = NormalizeFlag(flag);
    EXPECT_FALSE(f.ok());
    if (!f.ok()) EXPECT_CONTAINS(f.status().message(), "control character");
  }
}
