#include "tools/message_content.h"

#include "imap/imap_value_fixture.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

BodyPart Structure(const std::string& text) { return BodyStructureFromText(text); }

}  // namespace

TEST(MessageContent, StructuresTheServerCouldNotSplitAreParsedHere) {
  // What Dovecot reports for "Content-Type: multipart/mixed; boundary*=''abcd".
  EXPECT_FALSE(StructureIsUsable(Structure(
      R"((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL) "mixed" ("boundary*" "''abcd") NIL NIL NIL))")));
  // One empty part and nothing else.
  EXPECT_FALSE(StructureIsUsable(Structure(R"(("text" "plain" NIL NIL NIL "7bit" 0 0 NIL NIL NIL NIL))")));
  // Readable text, or only an attachment: the server's structure is used.
  EXPECT_TRUE(StructureIsUsable(Structure(R"(("text" "plain" NIL NIL NIL "7bit" 12 1 NIL NIL NIL NIL))")));
  EXPECT_TRUE(StructureIsUsable(Structure(R"(("application" "pdf" NIL NIL NIL "base64" 400 NIL NIL NIL NIL))")));
  // Continuations the server did read come as a plain "boundary".
  EXPECT_TRUE(StructureIsUsable(Structure(
      R"((("text" "plain" NIL NIL NIL "7bit" 10 1 NIL NIL NIL NIL) "mixed" ("boundary" "abcd") NIL NIL NIL))")));
}

TEST(MessageContent, PartsOfAMessageParsedHereDecodeFromMemory) {
  auto m = ParseMimeMessage(
      "Content-Type: multipart/mixed; boundary*=''b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\n"
      "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAECAw==\r\n--b--\r\n");
  ASSERT_OK(m);
  auto bytes = ParsedPartBytes(*m, "2");
  ASSERT_OK(bytes);
  EXPECT_EQ(*bytes, std::string("\0\1\2\3", 4));
  EXPECT_FALSE(ParsedPartBytes(*m, "3").ok());
}
