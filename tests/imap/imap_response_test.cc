#include "imap/imap_response.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

using Kind = ImapValue::Kind;

ImapResponse ParseOk(std::string_view input) {
  ImapResponse r;
  auto used = ParseImapResponse(input, &r);
  ASSERT_OK(used);
  EXPECT_EQ(*used, input.size());
  return r;
}

Status ParseError(std::string_view input, const ImapParseLimits& limits = {}) {
  ImapResponse r;
  return ParseImapResponse(input, &r, limits).status();
}

}  // namespace

TEST(ImapResponse, TokenizesAtomsNumbersAndFlags) {
  ImapResponse r = ParseOk("* 12 FETCH (UID 7 FLAGS (\\Seen $Junk \\*))\r\n");
  EXPECT_TRUE(r.kind == ImapResponse::Kind::kUntagged);
  ASSERT_EQ(r.values.size(), 3u);
  EXPECT_EQ(r.values[0].text, "12");
  EXPECT_EQ(r.name(), "FETCH");
  const ImapValue& list = r.values[2];
  ASSERT_TRUE(list.is_list());
  ASSERT_EQ(list.items.size(), 4u);
  EXPECT_TRUE(list.items[0].IsAtom("uid"));
  EXPECT_EQ(list.items[1].text, "7");
  ASSERT_EQ(list.items[3].items.size(), 3u);
  EXPECT_EQ(list.items[3].items[0].text, "\\Seen");
  EXPECT_EQ(list.items[3].items[2].text, "\\*");
}

TEST(ImapResponse, QuotedStringsUnescapeQuoteAndBackslash) {
  ImapResponse r = ParseOk("* LIST () \"\\\\\" \"say \\\"hi\\\" (now)\"\r\n");
  ASSERT_EQ(r.values.size(), 4u);
  EXPECT_TRUE(r.values[2].kind == Kind::kString);
  EXPECT_EQ(r.values[2].text, "\\");
  EXPECT_EQ(r.values[3].text, "say \"hi\" (now)");
}

TEST(ImapResponse, NilIsItsOwnKindInAnyCase) {
  ImapResponse r = ParseOk("* LIST (\\Noselect) NIL nil\r\n");
  EXPECT_TRUE(r.values[2].kind == Kind::kNil);
  EXPECT_TRUE(r.values[3].kind == Kind::kNil);
  ImapResponse quoted = ParseOk("* LIST () \"/\" \"NIL\"\r\n");
  EXPECT_TRUE(quoted.values[3].kind == Kind::kString);
}

TEST(ImapResponse, LiteralMayContainCrlfParenthesesAndQuotes) {
  const std::string body = "line 1\r\n) ( \"{3}\r\n* LIST\r\nA001 OK\r\n";
  const std::string input = "* 1 FETCH (BODY[] {" + std::to_string(body.size()) + "}\r\n" + body + " UID 9)\r\n";
  ImapResponse r = ParseOk(input);
  const ImapValue& list = r.values[2];
  ASSERT_EQ(list.items.size(), 4u);
  EXPECT_EQ(list.items[0].text, "BODY[]");
  EXPECT_TRUE(list.items[1].kind == Kind::kString);
  EXPECT_EQ(list.items[1].text, body);
  EXPECT_EQ(list.items[3].text, "9");
}

TEST(ImapResponse, LiteralsAreBinarySafe) {
  const std::string bytes("\0\xff\r\n\0", 5);
  ImapResponse r = ParseOk("* 1 FETCH (BINARY[1] ~{5}\r\n" + bytes + ")\r\n");
  EXPECT_EQ(r.values[2].items[1].text, bytes);
  ImapResponse empty = ParseOk("* LIST () \"/\" {0}\r\n\r\n");
  EXPECT_EQ(empty.values[3].text, "");
}

TEST(ImapResponse, BracketSectionsStayOneAtom) {
  ImapResponse r = ParseOk("* 3 FETCH (BODY[HEADER.FIELDS (FROM \"TO\")]<0> {2}\r\nab)\r\n");
  const ImapValue& list = r.values[2];
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].text, "BODY[HEADER.FIELDS (FROM \"TO\")]<0>");
  EXPECT_EQ(list.items[1].text, "ab");
}

TEST(ImapResponse, NestedListsKeepTheirShape) {
  ImapResponse r = ParseOk("* 1 FETCH (ENVELOPE (NIL \"s\" ((\"A\" NIL \"a\" \"x.test\")) NIL))\r\n");
  const ImapValue& env = r.values[2].items[1];
  ASSERT_EQ(env.items.size(), 4u);
  EXPECT_TRUE(env.items[0].kind == Kind::kNil);
  EXPECT_EQ(env.items[2].items[0].items[3].text, "x.test");
}

TEST(ImapResponse, StatusResponsesKeepFreeText) {
  ImapResponse r = ParseOk("A042 NO [TRYCREATE] Mailbox \"x doesn't (exist\r\n");
  EXPECT_TRUE(r.kind == ImapResponse::Kind::kTagged);
  EXPECT_EQ(r.tag, "A042");
  EXPECT_EQ(r.status(), "NO");
  EXPECT_EQ(r.text, "[TRYCREATE] Mailbox \"x doesn't (exist");
  ImapResponse ok = ParseOk("* ok [UIDVALIDITY 3857529045] UIDs valid\r\n");
  EXPECT_EQ(ok.status(), "OK");
  EXPECT_EQ(ok.text, "[UIDVALIDITY 3857529045] UIDs valid");
  EXPECT_EQ(ParseOk("A1 OK\r\n").text, "");
}

TEST(ImapResponse, ContinuationRequests) {
  ImapResponse r = ParseOk("+ Ready for literal data\r\n");
  EXPECT_TRUE(r.kind == ImapResponse::Kind::kContinuation);
  EXPECT_EQ(r.text, "Ready for literal data");
  EXPECT_EQ(ParseOk("+\r\n").text, "");
}

TEST(ImapResponse, SplitsASequenceAtTheRightPlaces) {
  const std::string input =
      "* LIST () \"/\" {7}\r\nA\r\nB C)\r\n"
      "* 2 EXISTS\r\n"
      "* OK [UNSEEN 1] x\r\n"
      "A5 OK done\r\n";
  auto all = ParseImapResponses(input);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].values[3].text, "A\r\nB C)");
  EXPECT_EQ((*all)[1].name(), "EXISTS");
  EXPECT_EQ((*all)[2].status(), "OK");
  EXPECT_EQ((*all)[3].tag, "A5");
}

TEST(ImapResponse, ToleratesBareLineFeeds) {
  auto all = ParseImapResponses("* SEARCH 1 2\n* SEARCH\nA1 OK x\n");
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[1].values.size(), 1u);
}

TEST(ImapResponse, TruncatedInputIsAnErrorNotACrash) {
  const std::string full = "* 1 FETCH (BODY[] {5}\r\nhello FLAGS (\\Seen \"q\\\"x\"))\r\n";
  for (size_t n = 0; n < full.size(); ++n) {
    ImapResponse r;
    EXPECT_FALSE(ParseImapResponse(std::string_view(full).substr(0, n), &r).ok());
  }
  ImapResponse r;
  EXPECT_OK(ParseImapResponse(full, &r));
}

TEST(ImapResponse, RejectsMalformedInput) {
  EXPECT_FALSE(ParseError("* LIST (\\Noselect \"/\" x\r\n").ok());  // unclosed list
  EXPECT_FALSE(ParseError("* LIST () \"/\" x)\r\n").ok());          // unbalanced ')'
  EXPECT_FALSE(ParseError("* LIST () \"a\\x\" x\r\n").ok());        // bad escape
  EXPECT_FALSE(ParseError("* LIST () \"a\rb\" x\r\n").ok());        // CR in a quoted string
  EXPECT_FALSE(ParseError("* LIST () \"/\" a\x01z\r\n").ok());      // control character
  EXPECT_FALSE(ParseError("* LIST () {x}\r\nabc\r\n").ok());        // literal without size
  EXPECT_FALSE(ParseError("* LIST () {3\r\nabc\r\n").ok());         // unclosed literal size
  EXPECT_FALSE(ParseError("* LIST () {3} \r\nabc\r\n").ok());       // junk after the size
  EXPECT_FALSE(ParseError("* 1 FETCH (BODY[TEXT abc\r\n").ok());    // unclosed '['
  EXPECT_FALSE(ParseError("A1 LIST x\r\n").ok());                   // tagged but not a status
  EXPECT_FALSE(ParseError("*\r\n").ok());
  EXPECT_FALSE(ParseError(" A1 OK\r\n").ok());  // empty tag
  EXPECT_FALSE(ParseError("\r\n").ok());
  EXPECT_FALSE(ParseError("* LIST () \"/\" x\rjunk\r\n").ok());  // stray CR
  EXPECT_FALSE(ParseImapResponses("* 1 EXISTS\r\n* 2").ok());    // trailing partial response
}

TEST(ImapResponse, RejectsHugeLiteralSizes) {
  EXPECT_FALSE(ParseError("* LIST () \"/\" {99999999999999999999999}\r\nx\r\n").ok());
  EXPECT_FALSE(ParseError("* LIST () \"/\" {18446744073709551615}\r\nx\r\n").ok());
  EXPECT_FALSE(ParseError("* LIST () \"/\" {4294967296}\r\nx\r\n").ok());
  EXPECT_FALSE(ParseError("* LIST () \"/\" {6}\r\nabc\r\n").ok());  // longer than the data
}

TEST(ImapResponse, BoundsNestingDepth) {
  std::string deep = "* X " + std::string(65, '(') + std::string(65, ')') + "\r\n";
  Status s = ParseError(deep);
  EXPECT_EQ(s.code(), Status::Code::kResourceExhausted);
  std::string ok = "* X " + std::string(64, '(') + std::string(64, ')') + "\r\n";
  EXPECT_OK(ParseError(ok));
  // Deep nesting far beyond the limit must not exhaust the stack either.
  std::string very_deep = "* X " + std::string(100000, '(') + "\r\n";
  EXPECT_FALSE(ParseError(very_deep).ok());
}

TEST(ImapResponse, BoundsTheNumberOfValues) {
  ImapParseLimits limits;
  limits.max_values = 10;
  EXPECT_OK(ParseError("* SEARCH 1 2 3 4 5 6 7 8 9\r\n", limits));
  EXPECT_EQ(ParseError("* SEARCH 1 2 3 4 5 6 7 8 9 10 11\r\n", limits).code(), Status::Code::kResourceExhausted);
}
