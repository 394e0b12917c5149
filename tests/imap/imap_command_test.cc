#include "imap/imap_command.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

std::string Wire(const ImapCommand& c, LiteralSupport support = LiteralSupport::kLiteralPlus) {
  std::string out;
  for (const std::string& s : c.Segments("T1", support)) out += s;
  return out;
}

void ExpectInvalid(const ImapCommand& c) {
  EXPECT_EQ(c.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(c.Segments("T1", LiteralSupport::kLiteralPlus).empty());
}

}  // namespace

TEST(ImapCommand, AtomsNumbersAndListSpacing) {
  ImapCommand c("UID FETCH");
  c.Atom("1:20,30").Atom("(").Atom("UID").Atom("FLAGS").Atom(")");
  EXPECT_OK(c.status());
  EXPECT_EQ(Wire(c), "T1 UID FETCH 1:20,30 (UID FLAGS)\r\n");

  ImapCommand store("UID STORE");
  store.Number(4294967295u).Atom("+FLAGS.SILENT").Atom("(").Atom("\\Seen").Atom("$Forwarded").Atom(")");
  EXPECT_EQ(Wire(store), "T1 UID STORE 4294967295 +FLAGS.SILENT (\\Seen $Forwarded)\r\n");

  ImapCommand search("UID SEARCH");
  search.Atom("RETURN").Atom("(").Atom(")").Atom("SINCE").Atom("01-Jan-2025").Atom("UID").Atom("1:*");
  EXPECT_EQ(Wire(search), "T1 UID SEARCH RETURN () SINCE 01-Jan-2025 UID 1:*\r\n");

  ImapCommand nested("SEARCH");
  nested.Atom("(").Atom("(").Atom("SEEN").Atom(")").Atom("OR").Atom("(").Atom("DRAFT").Atom(")").Atom(")");
  EXPECT_EQ(Wire(nested), "T1 SEARCH ((SEEN) OR (DRAFT))\r\n");
}

TEST(ImapCommand, InvalidAtomsAreRefused) {
  for (std::string_view bad : std::initializer_list<std::string_view>{
           std::string_view(""), std::string_view("a b"), std::string_view("a\"b"), "a\r\nT2 LOGOUT", "a{5}", "a(b",
           "x)", "%", "a]", "\\", "\\\\Seen", "caf\xc3\xa9", std::string_view("a\0b", 3), "a\tb"}) {
    ImapCommand c("SEARCH");
    c.Atom(bad);
    ExpectInvalid(c);
  }
  ExpectInvalid(ImapCommand("UID  FETCH"));
  ExpectInvalid(ImapCommand("FETCH\r\nT2 LOGOUT"));
  ExpectInvalid(ImapCommand(""));
  ExpectInvalid(ImapCommand("NOOP "));
}

TEST(ImapCommand, UnbalancedParenthesesAreRefused) {
  ImapCommand open("FETCH");
  open.Atom("1").Atom("(").Atom("UID");
  ExpectInvalid(open);
  EXPECT_CONTAINS(open.status().message(), "unbalanced");
  ImapCommand close("FETCH");
  close.Atom("1").Atom(")").Atom("(");
  ExpectInvalid(close);
  ImapCommand raw("FETCH");
  raw.Atom("1").Raw("(UID FLAGS");
  ExpectInvalid(raw);
  ImapCommand raw2("FETCH");
  raw2.Atom("1").Raw("UID) (FLAGS");
  ExpectInvalid(raw2);
}

TEST(ImapCommand, StringsAreQuotedOrLiteralAndNeverBreakTheLine) {
  ImapCommand c("SEARCH");
  c.Atom("SUBJECT").String("say \"hi\" \\ {5}").Atom("FROM").String("");
  EXPECT_EQ(Wire(c), "T1 SEARCH SUBJECT \"say \\\"hi\\\" \\\\ {5}\" FROM \"\"\r\n");

  for (std::string_view bad :
       std::initializer_list<std::string_view>{std::string_view("a\r\nT2 LOGOUT"), std::string_view("a\n"),
                                               std::string_view("\r"), std::string_view("a\0b", 3)}) {
    ImapCommand s("SEARCH");
    s.Atom("TEXT").String(bad);
    ExpectInvalid(s);
    EXPECT_CONTAINS(s.status().message(), "CR, LF or NUL");
  }
}

TEST(ImapCommand, EightBitAndLongStringsBecomeLiterals) {
  ImapCommand c("UID SEARCH");
  c.Atom("CHARSET")
      .Atom("UTF-8")
      .Atom("SUBJECT")
      .String(
          "Gr\xc3\xbc\xc3\x9f"
          "e")
      .Atom("ALL");
  EXPECT_EQ(Wire(c, LiteralSupport::kLiteralPlus),
            "T1 UID SEARCH CHARSET UTF-8 SUBJECT {7+}\r\nGr\xc3\xbc\xc3\x9f"
            "e ALL\r\n");
  std::vector<std::string> sync = c.Segments("T1", LiteralSupport::kSynchronizing);
  ASSERT_EQ(sync.size(), 2u);
  EXPECT_EQ(sync[0], "T1 UID SEARCH CHARSET UTF-8 SUBJECT {7}\r\n");
  EXPECT_EQ(sync[1],
            "Gr\xc3\xbc\xc3\x9f"
            "e ALL\r\n");
  EXPECT_EQ(c.Redacted(), "UID SEARCH CHARSET UTF-8 SUBJECT {7} ALL");

  const std::string tab = "a\tb";  // a control byte other than CR/LF/NUL cannot be quoted
  ImapCommand t("SEARCH");
  t.Atom("TEXT").String(tab);
  EXPECT_EQ(Wire(t), "T1 SEARCH TEXT {3+}\r\na\tb\r\n");

  const std::string big(5000, 'x');
  ImapCommand b("SEARCH");
  b.Atom("TEXT").String(big);
  EXPECT_EQ(b.Segments("T1", LiteralSupport::kLiteralMinus).size(), 2u);  // over 4096: synchronizing
  EXPECT_EQ(b.Segments("T1", LiteralSupport::kLiteralPlus).size(), 1u);
  ImapCommand s("SEARCH");
  s.Atom("TEXT").String(std::string(2000, 'y'));
  EXPECT_EQ(s.Segments("T1", LiteralSupport::kLiteralMinus).size(), 1u);
  EXPECT_CONTAINS(s.Segments("T1", LiteralSupport::kLiteralMinus)[0], "{2000+}\r\n");
}

TEST(ImapCommand, MailboxesAreModifiedUtf7AndInboxIsNormalised) {
  ImapCommand c("EXAMINE");
  c.Mailbox("inBox");
  EXPECT_EQ(Wire(c), "T1 EXAMINE \"INBOX\"\r\n");
  ImapCommand j("SELECT");
  j.Mailbox("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
  EXPECT_EQ(Wire(j), "T1 SELECT \"&ZeVnLIqe-\"\r\n");
  ImapCommand q("SELECT");
  q.Mailbox("a \"b\" {3}\r\nT2 LOGOUT");  // controls go into base64: nothing can break out
  EXPECT_OK(q.status());
  EXPECT_EQ(q.Segments("T1", LiteralSupport::kSynchronizing).size(), 1u);
  EXPECT_EQ(Wire(q).find("\r\nT2"), std::string::npos);
  ImapCommand bad("SELECT");
  bad.Mailbox("");
  ExpectInvalid(bad);
  ImapCommand invalid_utf8("SELECT");
  invalid_utf8.Mailbox("\xff");
  ExpectInvalid(invalid_utf8);
}

TEST(ImapCommand, RawIsForFixedTextOnly) {
  ImapCommand c("UID FETCH");
  c.Atom("1:5").Raw("(UID BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)");
  EXPECT_EQ(Wire(c), "T1 UID FETCH 1:5 (UID BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)\r\n");
  for (std::string_view bad : std::initializer_list<std::string_view>{"", "{5}", "a\r\nb", "\"x\"", "caf\xc3\xa9"}) {
    ImapCommand r("FETCH");
    r.Raw(bad);
    ExpectInvalid(r);
  }
}

TEST(ImapCommand, FirstErrorWinsAndLaterArgumentsAreIgnored) {
  ImapCommand c("SEARCH");
  c.Atom("a b").String("x\r\n").Atom(")");
  EXPECT_CONTAINS(c.status().message(), "atom");
}
