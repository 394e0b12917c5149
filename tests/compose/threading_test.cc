#include "compose/threading.h"

#include "testing.h"

using namespace mail_mcp;

TEST(ReplySubject, AddsReOnce) {
  EXPECT_EQ(ReplySubject("Lunch"), "Re: Lunch");
  EXPECT_EQ(ReplySubject("Re: Lunch"), "Re: Lunch");
  EXPECT_EQ(ReplySubject("RE: Lunch"), "RE: Lunch");
  EXPECT_EQ(ReplySubject("re:Lunch"), "re:Lunch");
  EXPECT_EQ(ReplySubject("  Re: Lunch"), "  Re: Lunch");
}

TEST(ReplySubject, OtherPrefixesAndLookalikesGetRe) {
  EXPECT_EQ(ReplySubject("AW: Termin"), "Re: AW: Termin");
  EXPECT_EQ(ReplySubject("Fwd: x"), "Re: Fwd: x");
  EXPECT_EQ(ReplySubject("Reply needed"), "Re: Reply needed");
  EXPECT_EQ(ReplySubject(""), "Re: ");
}

TEST(ReplySubject, LineBreaksBecomeSpaces) { EXPECT_EQ(ReplySubject("a\r\nb\tc"), "Re: a  b c"); }

TEST(BuildReferences, AppendsMessageIdToReferences) {
  EXPECT_EQ(BuildReferences("<a@x> <b@x>", "<c@x>"), "<a@x> <b@x> <c@x>");
  EXPECT_EQ(BuildReferences("", "<c@x>"), "<c@x>");
  EXPECT_EQ(BuildReferences("<a@x>", ""), "<a@x>");
}

TEST(BuildReferences, ReadsFoldedHeadersWithJunkAndDropsDuplicates) {
  EXPECT_EQ(BuildReferences("<a@x>\r\n\t<b@x> (comment) <a@x> junk <bad id@x>", " <c@x> "), "<a@x> <b@x> <c@x>");
  // The replied-to id always ends the list, even if an earlier copy was present.
  EXPECT_EQ(BuildReferences("<c@x> <a@x>", "<c@x>"), "<a@x> <c@x>");
}

TEST(BuildReferences, LongThreadsKeepRootAndLatestIds) {
  std::string refs;
  for (int i = 0; i < 50; ++i) refs += "<m" + std::to_string(i) + "@x> ";
  const std::string out = BuildReferences(refs, "<last@x>");
  std::string expected = "<m0@x>";
  for (int i = 31; i < 50; ++i) expected += " <m" + std::to_string(i) + "@x>";
  expected += " <last@x>";
  EXPECT_EQ(out, expected);
}

TEST(ValidateMessageId, AcceptsBracketedIdsOnly) {
  EXPECT_OK(ValidateMessageId("<a.b@c>", "in_reply_to"));
  EXPECT_FALSE(ValidateMessageId("a@b", "in_reply_to").ok());
  EXPECT_FALSE(ValidateMessageId("<a b@c>", "in_reply_to").ok());
  EXPECT_FALSE(ValidateMessageId("<a@b>\r\nBcc: x@y.z", "in_reply_to").ok());
  EXPECT_CONTAINS(ValidateMessageId("<a@b>\n", "in_reply_to").message(), "in_reply_to");
}
