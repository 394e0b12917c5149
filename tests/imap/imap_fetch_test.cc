#include "imap/imap_fetch.h"

#include "imap/imap_fetch_fixture.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

std::vector<ImapResponse> Responses(const std::string& text) {
  auto r = ParseImapResponses(text);
  EXPECT_OK(r);
  return r.ok() ? *r : std::vector<ImapResponse>();
}

}  // namespace

TEST(ImapFetch, DovecotResponsesMergePerMessage) {
  auto messages = ParseFetchResponses(Responses(std::string(kDovecotFetch) + "* 2 EXISTS\r\n"));
  ASSERT_OK(messages);
  ASSERT_EQ(messages->size(), 2u);
  const FetchedMessage& m = (*messages)[0];
  EXPECT_EQ(m.seq, 1u);
  EXPECT_EQ(m.uid, 1u);
  ASSERT_TRUE(m.flags.has_value());
  EXPECT_EQ(m.flags->size(), 2u);
  EXPECT_EQ((*m.flags)[0], "\\Seen");
  EXPECT_EQ(m.size, 1484u);
  EXPECT_EQ(m.internaldate, "27-Nov-2026 09:05:20 +0000");
  ASSERT_TRUE(m.envelope.has_value());
  EXPECT_EQ(m.envelope->message_id, "<nested-1@example.test>");
  ASSERT_TRUE(m.body.has_value());
  EXPECT_EQ(m.body->children.size(), 4u);
  // The second FETCH for message 1 (its body sections) was merged into the same entry.
  EXPECT_EQ(m.sections.at("BODY[1.1]"), "Hello =C3=BC\r\nA001 OK fake\r\n* 1 EXISTS\r\n{5}");
  EXPECT_EQ(m.sections.at("BODY[HEADER.FIELDS (SUBJECT)]"),
            "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= nested \"quoted\" (paren) {5}\r\n\r\n");
  EXPECT_TRUE(m.section_origins.empty());
  EXPECT_EQ((*messages)[1].uid, 2u);
  EXPECT_FALSE((*messages)[1].sections.count("BODY[1.1]"));
}

TEST(ImapFetch, SectionsPartialsBinaryAndUnknownItems) {
  const std::string body = "A1 OK Fetch completed\r\n* 9 FETCH (UID 1)\r\n";
  auto messages = ParseFetchResponses(
      Responses("* 7 FETCH (UID 70 body[header.fields (\"X-Odd\" from)]<0> {3}\r\nabc X-GM-LABELS (\\Inbox) "
                "BODY[] {" +
                std::to_string(body.size()) + "}\r\n" + body + " BINARY[2] ~{3}\r\n" + std::string("\0\xff\n", 3) +
                " BINARY.SIZE[2] 3 "
                "BODY[3] NIL MODSEQ (12345) RFC822.HEADER {2}\r\nhi)\r\n" +
                "* 7 FETCH (FLAGS ())\r\n"));
  ASSERT_OK(messages);
  ASSERT_EQ(messages->size(), 1u);
  const FetchedMessage& m = (*messages)[0];
  EXPECT_EQ(m.uid, 70u);
  EXPECT_EQ(m.sections.at("BODY[HEADER.FIELDS (\"X-Odd\" FROM)]"), "abc");
  EXPECT_EQ(m.section_origins.at("BODY[HEADER.FIELDS (\"X-Odd\" FROM)]"), 0u);
  EXPECT_EQ(m.sections.at("BODY[]"), body);
  EXPECT_EQ(m.sections.at("BINARY[2]"), std::string("\0\xff\n", 3));
  EXPECT_EQ(m.binary_sizes.at("BINARY[2]"), 3u);
  EXPECT_EQ(m.sections.at("BODY[3]"), "");
  EXPECT_EQ(m.sections.at("RFC822.HEADER"), "hi");
  EXPECT_EQ(m.modseq, 12345u);
  ASSERT_TRUE(m.flags.has_value());
  EXPECT_TRUE(m.flags->empty());
}

TEST(ImapFetch, MalformedFetchIsAnError) {
  EXPECT_FALSE(ParseFetchResponses(Responses("* 1 FETCH (UID)\r\n")).ok());
  EXPECT_FALSE(ParseFetchResponses(Responses("* 1 FETCH (UID x)\r\n")).ok());
  EXPECT_FALSE(ParseFetchResponses(Responses("* 0 FETCH (UID 1)\r\n")).ok());
  EXPECT_FALSE(ParseFetchResponses(Responses("* 1 FETCH (UID 99999999999)\r\n")).ok());
  EXPECT_FALSE(ParseFetchResponses(Responses("* 1 FETCH (FLAGS \\Seen)\r\n")).ok());
  EXPECT_FALSE(ParseFetchResponses(Responses("* 1 FETCH (BODY[] (x))\r\n")).ok());
  EXPECT_FALSE(ParseFetchResponses(Responses("* 1 FETCH UID 1\r\n")).ok());
  EXPECT_OK(ParseFetchResponses(Responses("* 1 EXPUNGE\r\n* LIST () \"/\" x\r\n")));
}

TEST(ImapSearch, EsearchAndClassicSearch) {
  auto e = ParseSearchResponses(Responses("* ESEARCH (TAG \"x\") UID COUNT 5 ALL 1:3,7,10:9 MIN 1 MAX 10\r\n"));
  ASSERT_OK(e);
  EXPECT_TRUE(e->uid);
  EXPECT_EQ(e->count.value_or(0), 5u);
  EXPECT_EQ(e->min.value_or(0), 1u);
  EXPECT_EQ(e->max.value_or(0), 10u);
  EXPECT_TRUE(e->ids == std::vector<uint32_t>({1, 2, 3, 7, 9, 10}));

  auto empty = ParseSearchResponses(Responses("* ESEARCH (TAG \"x\") UID COUNT 0\r\n"));
  ASSERT_OK(empty);
  EXPECT_TRUE(empty->ids.empty());
  EXPECT_EQ(empty->count.value_or(99), 0u);

  auto classic = ParseSearchResponses(Responses("* SEARCH 5 3 9\r\n* SEARCH 11 (MODSEQ 917162500)\r\n"));
  ASSERT_OK(classic);
  EXPECT_TRUE(classic->ids == std::vector<uint32_t>({5, 3, 9, 11}));
  EXPECT_EQ(classic->count.value_or(0), 4u);
  EXPECT_EQ(classic->modseq, 917162500u);
  EXPECT_FALSE(classic->uid);

  auto none = ParseSearchResponses(Responses("* SEARCH\r\n"));
  ASSERT_OK(none);
  EXPECT_EQ(none->count.value_or(99), 0u);

  EXPECT_FALSE(ParseSearchResponses(Responses("* SEARCH 1 x\r\n")).ok());
  EXPECT_FALSE(ParseSearchResponses(Responses("* ESEARCH UID ALL 1:*\r\n")).ok());
  EXPECT_FALSE(ParseSearchResponses(Responses("* ESEARCH UID COUNT\r\n")).ok());
  auto big = ParseSearchResponses(Responses("* ESEARCH UID ALL 1:4294967295\r\n"));
  EXPECT_EQ(big.status().code(), Status::Code::kResourceExhausted);
  EXPECT_EQ(ParseSearchResponses(Responses("* SEARCH 1 2 3\r\n"), 2).status().code(), Status::Code::kResourceExhausted);
}

TEST(ImapSearch, SequenceSets) {
  std::vector<uint32_t> ids;
  EXPECT_OK(ExpandSequenceSet("4,1:2,4294967295", 10, &ids));
  EXPECT_TRUE(ids == std::vector<uint32_t>({4, 1, 2, 4294967295u}));
  for (std::string_view bad : std::initializer_list<std::string_view>{"", ",", "1,", "0", "1:0", "a", "1:*", "*",
                                                                      "1::2", "4294967296", "-1"}) {
    std::vector<uint32_t> out;
    EXPECT_FALSE(ExpandSequenceSet(bad, 10, &out).ok());
  }
  std::vector<uint32_t> out{1, 2};
  EXPECT_EQ(ExpandSequenceSet("1:9", 10, &out).code(), Status::Code::kResourceExhausted);
  EXPECT_EQ(CompressSequenceSet({7, 3, 1, 2, 3, 9, 10}), "1:3,7,9:10");
  EXPECT_EQ(CompressSequenceSet({}), "");
  EXPECT_EQ(CompressSequenceSet({5}), "5");
}

TEST(ImapUidPlus, AppendUidAndCopyUid) {
  auto a = ParseAppendUid("[APPENDUID 38505 3955] APPEND completed");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->uidvalidity, 38505u);
  EXPECT_TRUE(a->uids == std::vector<uint32_t>({3955}));
  EXPECT_FALSE(ParseAppendUid("APPEND completed").has_value());
  EXPECT_FALSE(ParseAppendUid("[APPENDUID 38505] x").has_value());
  EXPECT_FALSE(ParseAppendUid("[APPENDUID x 1] x").has_value());

  auto c = ParseCopyUid("[COPYUID 38505 304,319:320 3956:3958] Done");
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->source_uids == std::vector<uint32_t>({304, 319, 320}));
  EXPECT_TRUE(c->dest_uids == std::vector<uint32_t>({3956, 3957, 3958}));
  EXPECT_FALSE(ParseCopyUid("[COPYUID 38505 1:2 5] Done").has_value());  // sizes differ
  EXPECT_FALSE(ParseCopyUid("[COPYUID 1 1:100000000 1:100000000] x").has_value());

  auto moved = FindCopyUid(Responses("* OK [COPYUID 9 1:2 11:12] Moved\r\n* 1 EXPUNGE\r\n"), "Move completed");
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->uidvalidity, 9u);
  EXPECT_TRUE(moved->dest_uids == std::vector<uint32_t>({11, 12}));
}
