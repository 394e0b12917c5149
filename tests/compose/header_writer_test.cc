#include "compose/header_writer.h"

#include "mime/encoded_words.h"
#include "testing.h"

using namespace mail_mcp;

TEST(CheckHeaderInput, RejectsLineBreaksControlsAndBadUtf8NamingTheField) {
  EXPECT_OK(CheckHeaderInput("Grüße\tok", "subject"));
  EXPECT_EQ(CheckHeaderInput("a\r\nb", "subject").message(), "subject must not contain CR, LF or NUL");
  EXPECT_FALSE(CheckHeaderInput("a\nb", "x").ok());
  EXPECT_FALSE(CheckHeaderInput(std::string("a\0b", 3), "x").ok());
  EXPECT_CONTAINS(CheckHeaderInput("a\x1b[31m", "x").message(), "control");
  EXPECT_CONTAINS(CheckHeaderInput("\xff", "x").message(), "UTF-8");
}

TEST(EncodeWords, SplitsBetweenCodePointsWithinSixtyFourChars) {
  const std::string text = "日本語のテキストはとても長くなることがあります。絵文字も🎉🎉🎉";
  std::string joined;
  for (const std::string& w : EncodeWords(text)) {
    EXPECT_LE(w.size(), 64u);
    EXPECT_EQ(DecodeHeaderText(w).find("\xef\xbf\xbd"), std::string::npos);  // no U+FFFD
    joined += (joined.empty() ? "" : " ") + w;
  }
  EXPECT_EQ(DecodeHeaderText(joined), text);
}

TEST(UnstructuredHeader, FoldsAsciiAtSpacesPreservingThem) {
  const std::string subject = "one two  three " + std::string(60, 'x') + " four";
  const std::string h = UnstructuredHeader("Subject", subject);
  EXPECT_EQ(h, "Subject: one two  three\r\n " + std::string(60, 'x') + " four\r\n");
  EXPECT_EQ(UnfoldHeader(h.substr(9, h.size() - 11)), subject);
}

TEST(UnstructuredHeader, EncodesNonAsciiAndEncodedWordLookalikes) {
  EXPECT_EQ(UnstructuredHeader("Subject", "Grüße"), "Subject: =?utf-8?B?R3LDvMOfZQ==?=\r\n");
  EXPECT_CONTAINS(UnstructuredHeader("Subject", "=?utf-8?B?QQ==?="), "=?utf-8?B?PT91dGYtOD9CP1FRPT0/PQ==?=");
}

TEST(AddressHeader, FormatsAtomsQuotedAndEncodedNames) {
  EXPECT_EQ(AddressHeader("To", {{"Bob Smith", "b@x.com"}, {"", "c@x.com"}}), "To: Bob Smith <b@x.com>, c@x.com\r\n");
  EXPECT_EQ(AddressHeader("To", {{"Smith, Bob \"B\" \\", "b@x.com"}}),
            "To: \"Smith, Bob \\\"B\\\" \\\\\" <b@x.com>\r\n");
  EXPECT_EQ(AddressHeader("To", {{"Zoë", "z@x.com"}}), "To: =?utf-8?B?Wm/Dqw==?= <z@x.com>\r\n");
}
