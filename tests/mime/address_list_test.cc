#include "mime/address_list.h"

#include "testing.h"

using namespace mail_mcp;

namespace {
std::string Show(const std::vector<MailAddress>& list) {
  std::string s;
  for (const MailAddress& a : list) s += "[" + a.name + "|" + a.address + "]";
  return s;
}
}  // namespace

TEST(AddressList, ParsesNameAngleAndBareAddresses) {
  EXPECT_EQ(Show(ParseAddressList("Alice Example <alice@example.com>, bob@example.org")),
            "[Alice Example|alice@example.com][|bob@example.org]");
  EXPECT_EQ(Show(ParseAddressList("<carol@example.com>")), "[|carol@example.com]");
}

TEST(AddressList, QuotedDisplayNamesMayContainCommasAndEscapes) {
  EXPECT_EQ(Show(ParseAddressList("\"Doe, John\" <john@x.com>, \"A \\\"B\\\" C\" <abc@x.com>")),
            "[Doe, John|john@x.com][A \"B\" C|abc@x.com]");
}

TEST(AddressList, DecodesEncodedWordsInDisplayNames) {
  EXPECT_EQ(Show(ParseAddressList("=?utf-8?Q?J=C3=B6rg?= =?utf-8?Q?_M=C3=BCller?= <jm@x.de>")),
            "[Jörg Müller|jm@x.de]");
  EXPECT_EQ(Show(ParseAddressList("\"=?ISO-8859-1?Q?Andr=E9?= Pirard\" <pirard@vm1.ulg.ac.be>")),
            "[André Pirard|pirard@vm1.ulg.ac.be]");
  EXPECT_EQ(Show(ParseAddressList("=?koi8-r?B?8NLJ18XU?= <p@x.ru>")), "[Привет|p@x.ru]");
}

TEST(AddressList, CommentServesAsNameWhenThereIsNone) {
  EXPECT_EQ(Show(ParseAddressList("alice@x.com (Alice Liddell)")), "[Alice Liddell|alice@x.com]");
  EXPECT_EQ(Show(ParseAddressList("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>")),
            "[Pete|pete@silly.test]");
  EXPECT_EQ(Show(ParseAddressList("<bob@x.com> (Bob)")), "[Bob|bob@x.com]");
}

TEST(AddressList, FlattensGroupsAndDropsGroupNames) {
  EXPECT_EQ(Show(ParseAddressList("Team: a@x.com, B <b@y.com>;, c@z.com")), "[|a@x.com][B|b@y.com][|c@z.com]");
  EXPECT_TRUE(ParseAddressList("undisclosed-recipients:;").empty());
}

TEST(AddressList, StripsObsoleteRoutes) {
  EXPECT_EQ(Show(ParseAddressList("Bob <@relay1.net,@relay2.net:bob@y.com>, c@z.com")), "[Bob|bob@y.com][|c@z.com]");
}

TEST(AddressList, ToleratesTrailingJunkAndUnclosedBrackets) {
  EXPECT_EQ(Show(ParseAddressList("Bob <bob@y.com> trailing junk")), "[Bob|bob@y.com]");
  EXPECT_EQ(Show(ParseAddressList("Bob <bob@y.com, c@z.com")), "[Bob|bob@y.com][|c@z.com]");
  EXPECT_EQ(Show(ParseAddressList("\"Unclosed <x@y.com>")), "[Unclosed|x@y.com]");
  EXPECT_EQ(Show(ParseAddressList(",,, ;; a@b.c ,")), "[|a@b.c]");
  EXPECT_TRUE(ParseAddressList("").empty());
  EXPECT_TRUE(ParseAddressList("just words").empty());
}

TEST(AddressList, UnquotedNameBeforeBareAddressIsTheName) {
  EXPECT_EQ(Show(ParseAddressList("John Doe john@x.com")), "[John Doe|john@x.com]");
}

TEST(AddressList, BlanksAroundTheAtSignOfABareAddressAreFolding) {
  // RFC 5322 §4.4 (obs-local-part, obs-domain): "john @ x.com" is john@x.com, not "@".
  EXPECT_EQ(Show(ParseAddressList("john @ x.com")), "[|john@x.com]");
  EXPECT_EQ(Show(ParseAddressList("John Doe john@ x.com, jane @x.com")), "[John Doe|john@x.com][|jane@x.com]");
  EXPECT_EQ(Show(ParseAddressList("john (me) @ (host) x.com")), "[me|john@x.com]");
  EXPECT_TRUE(ParseAddressList("@").empty());
}

TEST(AddressList, UnfoldsAndHandlesCrlfLadenHeaders) {
  EXPECT_EQ(Show(ParseAddressList("Alice\r\n <alice@x.com>,\r\n\tbob@y.com\r\n")), "[Alice|alice@x.com][|bob@y.com]");
}

TEST(AddressList, KeepsQuotedLocalPartsAndStripsOutlookSingleQuotes) {
  EXPECT_EQ(Show(ParseAddressList("\"john doe\"@x.com")), "[|\"john doe\"@x.com]");
  // RFC 3696's example: without its quotes this would be a different address.
  EXPECT_EQ(Show(ParseAddressList("\"very.unusual.@.unusual.com\"@example.com")),
            "[|\"very.unusual.@.unusual.com\"@example.com]");
  EXPECT_EQ(Show(ParseAddressList("Odd <\"very.unusual.@.unusual.com\"@example.com>")),
            "[Odd|\"very.unusual.@.unusual.com\"@example.com]");
  EXPECT_EQ(Show(ParseAddressList("<\"john (not a comment) doe\"@x.com>, <\"a\\\"b\"@x.com>")),
            "[|\"john (not a comment) doe\"@x.com][|\"a\\\"b\"@x.com]");
  EXPECT_EQ(Show(ParseAddressList("\"'Alice'\" <alice@x.com>")), "[Alice|alice@x.com]");
}

TEST(AddressList, RawEightBitNamesAreGuessed) {
  EXPECT_EQ(Show(ParseAddressList("J\xf6rg <j@x.de>")), "[Jörg|j@x.de]");
  EXPECT_EQ(Show(ParseAddressList("J\xc3\xb6rg <j@x.de>")), "[Jörg|j@x.de]");
}

TEST(AddressList, ALoneWordWithoutDomainIsALocalAddressNotAPlaceholder) {
  // IMAP servers show these as "foo@MISSING_DOMAIN"; a mail client shows "foo".
  EXPECT_EQ(Show(ParseAddressList("foo")), "[|foo]");
  EXPECT_EQ(Show(ParseAddressList("Foo <foo>")), "[Foo|foo]");
  EXPECT_TRUE(ParseAddressList("<@example.test>").empty());  // a route with no mailbox
  EXPECT_TRUE(ParseAddressList("<>").empty());
}

TEST(AddressList, IsBoundedOnHugeLists) {
  std::string raw;
  for (int i = 0; i < 5000; ++i) raw += "u" + std::to_string(i) + "@x.com, ";
  EXPECT_EQ(ParseAddressList(raw).size(), kMaxAddresses);
  std::string brackets(100000, '<');
  EXPECT_TRUE(ParseAddressList(brackets).empty());
  std::string comments(100000, '(');
  EXPECT_TRUE(ParseAddressList(comments).empty());
}
