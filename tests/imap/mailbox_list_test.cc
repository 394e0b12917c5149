#include "imap/mailbox_list.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

/// Dovecot 2.3 output for `LIST "" "*"`, plus the shapes other servers use.
const char kDovecotList[] =
    "* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts\r\n"
    "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Messages\"\r\n"
    "* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n"
    "* LIST (\\HasNoChildren \\Junk) \"/\" Junk\r\n"
    "* LIST (\\HasNoChildren \\Archive) \"/\" Archive\r\n"
    "* LIST (\\Noselect \\HasChildren) \"/\" &ZeVnLIqe-\r\n"
    "* LIST (\\HasNoChildren) \"/\" \"&ZeVnLIqe-/&U,BTFw-\"\r\n"
    "* LIST (\\HasNoChildren) \"/\" {12}\r\nLine\r\nBreak!\r\n"
    "* LIST (\\HasNoChildren) \"/\" \"R&-D \\\"quoted\\\"\"\r\n"
    "* LIST (\\NonExistent \\HasChildren) \"/\" Gone\r\n"
    "* LIST (\\HasNoChildren) \"/\" Inbox\r\n"
    "* LIST (\\NoInferiors) NIL Flat\r\n";

const MailboxInfo* Find(const std::vector<MailboxInfo>& boxes, const std::string& name) {
  for (const MailboxInfo& m : boxes)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace

TEST(MailboxList, ParsesDovecotOutputSortedWithInboxFirst) {
  auto boxes = ParseListResponse(kDovecotList);
  ASSERT_OK(boxes);
  std::vector<std::string> names;
  for (const MailboxInfo& m : *boxes) names.push_back(m.name);
  const std::vector<std::string> want = {"INBOX",         "Archive", "Drafts",         "Flat",
                                         "Gone",          "Junk",    "Line\r\nBreak!", "R&D \"quoted\"",
                                         "Sent Messages", "Trash",   "日本語",         "日本語/台北"};
  ASSERT_EQ(names.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(names[i], want[i]);
}

TEST(MailboxList, InboxIsNormalisedWhateverItsCase) {
  auto boxes = ParseListResponse(kDovecotList);
  ASSERT_OK(boxes);
  EXPECT_EQ((*boxes)[0].name, "INBOX");
  EXPECT_EQ((*boxes)[0].wire_name, "INBOX");
}

TEST(MailboxList, SpecialUseAttributesGoToSpecialUse) {
  auto boxes = ParseListResponse(kDovecotList);
  ASSERT_OK(boxes);
  EXPECT_EQ(Find(*boxes, "Sent Messages")->special_use, "\\Sent");
  EXPECT_EQ(Find(*boxes, "Drafts")->special_use, "\\Drafts");
  EXPECT_EQ(Find(*boxes, "Trash")->special_use, "\\Trash");
  EXPECT_EQ(Find(*boxes, "Junk")->special_use, "\\Junk");
  EXPECT_EQ(Find(*boxes, "Archive")->special_use, "\\Archive");
  EXPECT_EQ(Find(*boxes, "INBOX")->special_use, "");
  const auto& attrs = Find(*boxes, "Sent Messages")->attributes;
  ASSERT_EQ(attrs.size(), 2u);
  EXPECT_EQ(attrs[0], "\\HasNoChildren");
  EXPECT_EQ(attrs[1], "\\Sent");
}

TEST(MailboxList, SpecialUseMatchingIgnoresCaseAndKeepsRfcSpelling) {
  auto boxes = ParseListResponse(
      "* LIST (\\ALL \\noselect) \".\" \"[Gmail].All Mail\"\r\n"
      "* LIST (\\flagged) \".\" \"[Gmail].Starred\"\r\n");
  ASSERT_OK(boxes);
  EXPECT_EQ((*boxes)[0].special_use, "\\All");
  EXPECT_FALSE((*boxes)[0].selectable);
  EXPECT_EQ((*boxes)[1].special_use, "\\Flagged");
  EXPECT_EQ((*boxes)[0].delimiter, ".");
}

TEST(MailboxList, NoselectAndNonExistentAreNotSelectable) {
  auto boxes = ParseListResponse(kDovecotList);
  ASSERT_OK(boxes);
  EXPECT_FALSE(Find(*boxes, "日本語")->selectable);
  EXPECT_FALSE(Find(*boxes, "Gone")->selectable);
  EXPECT_TRUE(Find(*boxes, "日本語/台北")->selectable);
  EXPECT_TRUE(Find(*boxes, "Flat")->selectable);
}

TEST(MailboxList, DecodesModifiedUtf7AndKeepsTheWireName) {
  auto boxes = ParseListResponse(kDovecotList);
  ASSERT_OK(boxes);
  const MailboxInfo* m = Find(*boxes, "日本語/台北");
  ASSERT_TRUE(m != nullptr);
  EXPECT_EQ(m->wire_name, "&ZeVnLIqe-/&U,BTFw-");
  EXPECT_EQ(Find(*boxes, "R&D \"quoted\"")->wire_name, "R&-D \"quoted\"");
}

TEST(MailboxList, LiteralNamesAndNilDelimiter) {
  auto boxes = ParseListResponse(kDovecotList);
  ASSERT_OK(boxes);
  // Not modified UTF-7 (raw CR/LF), so listed as sent.
  const MailboxInfo* literal = Find(*boxes, "Line\r\nBreak!");
  ASSERT_TRUE(literal != nullptr);
  EXPECT_EQ(literal->wire_name, "Line\r\nBreak!");
  ASSERT_TRUE(Find(*boxes, "Flat") != nullptr);
  EXPECT_EQ(Find(*boxes, "Flat")->delimiter, "");
  EXPECT_EQ(Find(*boxes, "Sent Messages")->delimiter, "/");
}

TEST(MailboxList, UndecodableNamesAreListedRaw) {
  auto boxes = ParseListResponse(
      "* LIST () \"/\" \"Broken&Name\"\r\n"
      "* LIST () \"/\" {5}\r\nK\xC3\xA4se\r\n"
      "* LIST () \"/\" {3}\r\nA\xFF"
      "B\r\n");
  ASSERT_OK(boxes);
  ASSERT_EQ(boxes->size(), 3u);
  EXPECT_EQ((*boxes)[0].name,
            "A\xEF\xBF\xBD"
            "B");  // invalid UTF-8 made valid for JSON
  EXPECT_EQ((*boxes)[0].wire_name,
            "A\xFF"
            "B");
  EXPECT_EQ((*boxes)[1].name, "Broken&Name");
  EXPECT_EQ((*boxes)[2].name, "Käse");  // UTF8=ACCEPT servers send UTF-8 as is
}

TEST(MailboxList, IgnoresOtherResponsesAndExtendedData) {
  auto boxes = ParseListResponse(
      "* CAPABILITY IMAP4rev1\r\n"
      "* LIST (\\Subscribed) \"/\" Work (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
      "* 3 EXISTS\r\n"
      "* OK still here\r\n");
  ASSERT_OK(boxes);
  ASSERT_EQ(boxes->size(), 1u);
  EXPECT_EQ((*boxes)[0].name, "Work");
}

TEST(MailboxList, EmptyResponseIsAnEmptyList) {
  auto boxes = ParseListResponse("");
  ASSERT_OK(boxes);
  EXPECT_EQ(boxes->size(), 0u);
}

TEST(MailboxList, MalformedListResponsesAreErrors) {
  EXPECT_FALSE(ParseListResponse("* LIST \\HasNoChildren \"/\" x\r\n").ok());  // attributes not a list
  EXPECT_FALSE(ParseListResponse("* LIST () \"/\"\r\n").ok());                 // no name
  EXPECT_FALSE(ParseListResponse("* LIST () (x) y\r\n").ok());                 // delimiter a list
  EXPECT_FALSE(ParseListResponse("* LIST (\"x\") \"/\" y\r\n").ok());          // attribute not an atom
  EXPECT_FALSE(ParseListResponse("* LIST () \"/\" (y)\r\n").ok());             // name a list
  EXPECT_FALSE(ParseListResponse("* LIST () \"/\" {9}\r\nshort\r\n").ok());    // truncated literal
}

TEST(MailboxList, DuplicatesAreListedOnce) {
  auto boxes =
      ParseListResponse("* LIST () \"/\" A\r\n* LIST () \"/\" A\r\n* LIST () \"/\" INBOX\r\n* LIST () \"/\" inbox\r\n");
  ASSERT_OK(boxes);
  EXPECT_EQ(boxes->size(), 2u);
}

TEST(MailboxList, StatusResponsesGiveCountsByWireNameAndSkipMalformedOnes) {
  auto responses = ParseImapResponses(
      "* LIST (\\HasNoChildren) \"/\" Inbox\r\n"
      "* STATUS Inbox (MESSAGES 12 UNSEEN 3)\r\n"
      "* STATUS \"&ZeVnLIqe-\" (UNSEEN 0 MESSAGES 7 RECENT 1)\r\n"
      "* STATUS Broken MESSAGES\r\n"
      "* STATUS {4}\r\nLit! (MESSAGES 99999999999)\r\n");
  ASSERT_OK(responses);
  auto counts = ParseStatusResponses(*responses);
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].first, "INBOX");
  EXPECT_EQ(counts[0].second.messages, 12u);
  EXPECT_EQ(counts[0].second.unseen, 3u);
  EXPECT_EQ(counts[1].first, "&ZeVnLIqe-");
  EXPECT_EQ(counts[1].second.messages, 7u);
  EXPECT_EQ(counts[1].second.unseen, 0u);
  EXPECT_EQ(counts[2].first, "Lit!");
  EXPECT_EQ(counts[2].second.messages, 99999999999u);
}

TEST(MailboxList, SubscribedAttributeIsRead) {
  auto boxes = ParseListResponse("* LIST (\\Subscribed \\HasNoChildren) \"/\" A\r\n* LIST () \"/\" B\r\n");
  ASSERT_OK(boxes);
  ASSERT_EQ(boxes->size(), 2u);
  EXPECT_TRUE((*boxes)[0].subscribed);
  EXPECT_FALSE((*boxes)[1].subscribed);
}
