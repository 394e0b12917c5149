#include "mime/message_headers.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

MessageHeaders Read(const std::string& header_block) {
  auto parsed = ParseMimeMessage(header_block + "\r\n");
  return parsed.ok() ? ReadMessageHeaders(*parsed) : MessageHeaders{};
}

}  // namespace

TEST(MessageHeaders, TheFirstOfDuplicateFieldsCountsAsInMailClients) {
  // Dovecot's ENVELOPE joins both From fields and keeps the last Subject and Date.
  const MessageHeaders h = Read(
      "Date: Mon, 06 Jan 2025 10:00:00 +0000\r\nDate: Tue, 07 Jan 2025 11:00:00 +0000\r\n"
      "From: First <first@example.test>\r\nFrom: Second <second@example.test>\r\n"
      "Subject: First subject\r\nSubject: Second subject\r\n");
  EXPECT_EQ(h.subject, "First subject");
  ASSERT_EQ(h.from.size(), 1u);
  EXPECT_EQ(h.from[0].address, "first@example.test");
  EXPECT_EQ(h.date.value_or(""), "2025-01-06T10:00:00+00:00");
}

TEST(MessageHeaders, MissingOrUnreadableDateIsNoneNotTheDeliveryTime) {
  EXPECT_FALSE(Read("Subject: no date\r\n").date.has_value());
  EXPECT_FALSE(Read("Date: the day after tomorrow\r\n").date.has_value());
  EXPECT_EQ(Read("Date: 01 Jan 2001 00:01+0000\r\n").date.value_or(""), "2001-01-01T00:01:00+00:00");
}

TEST(MessageHeaders, AddressesAsWrittenWithoutServerPlaceholders) {
  const MessageHeaders h = Read(
      "From: foo\r\nTo: undisclosed-recipients:;\r\nCc: Team: a@x.test, b;\r\nReply-To: <@example.test>\r\n"
      "Sender: \"very.unusual.@.unusual.com\"@example.com\r\nBcc: =?utf-8?Q?J=C3=B6rg?= <j@x.test>\r\n");
  ASSERT_EQ(h.from.size(), 1u);
  EXPECT_EQ(h.from[0].address, "foo");
  EXPECT_TRUE(h.to.empty());
  ASSERT_EQ(h.cc.size(), 2u);
  EXPECT_EQ(h.cc[0].address, "a@x.test");
  EXPECT_EQ(h.cc[1].address, "b");
  EXPECT_TRUE(h.reply_to.empty());
  ASSERT_EQ(h.sender.size(), 1u);
  EXPECT_EQ(h.sender[0].address, "\"very.unusual.@.unusual.com\"@example.com");
  ASSERT_EQ(h.bcc.size(), 1u);
  EXPECT_EQ(h.bcc[0].name, "Jörg");
}

TEST(MessageHeaders, IdsAreTrimmedAndReferencesCollapsed) {
  const MessageHeaders h = Read(
      "Message-ID:  <a@x>  \r\nIn-Reply-To: <b@x>\r\nReferences: <c@x>\r\n\t<b@x>\r\n"
      "Subject: =?UTF-8?B?SGVsbG8g8J+Riw==?=\r\n");
  EXPECT_EQ(h.message_id, "<a@x>");
  EXPECT_EQ(h.in_reply_to, "<b@x>");
  EXPECT_EQ(h.references, "<c@x> <b@x>");
  EXPECT_EQ(h.subject, "Hello 👋");
}
