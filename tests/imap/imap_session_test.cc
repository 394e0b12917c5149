// ImapResponseReader (the session's stream splitter) and the parts of ImapSession that need no
// server. The session against a real Dovecot is covered by the integration tests.
#include "imap/imap_session.h"

#include "imap/imap_fetch_fixture.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

/// Feeds `stream` in pieces of `chunk` bytes and returns every response the reader produced.
std::vector<ImapResponse> ReadAll(std::string_view stream, size_t chunk, Status* error = nullptr) {
  ImapResponseReader reader;
  std::vector<ImapResponse> out;
  for (size_t pos = 0; pos < stream.size(); pos += chunk) {
    reader.Append(stream.substr(pos, chunk));
    while (true) {
      ImapResponse r;
      auto next = reader.Next(&r);
      if (!next.ok()) {
        if (error) *error = next.status();
        return out;
      }
      if (!*next) break;
      out.push_back(std::move(r));
    }
  }
  EXPECT_EQ(reader.buffered(), 0u);
  return out;
}

MailAccount Account(const std::string& host) {
  MailAccount a;
  a.servers.imap_host = host;
  a.servers.imap_port = 993;
  a.imap_username = "user@example.test";
  a.imap_password = "s3cret-Pa55";
  return a;
}

}  // namespace

TEST(ImapResponseReader, SplitsDovecotOutputAtAnyChunkSize) {
  const std::string stream = std::string(kDovecotFetch) + "* 3 EXISTS\r\nAbc12 OK [READ-ONLY] done {5}\r\n";
  auto whole = ParseImapResponses(stream);
  ASSERT_OK(whole);
  ASSERT_EQ(whole->size(), 5u);
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{64}, size_t{1000}, stream.size()}) {
    Status error;
    std::vector<ImapResponse> got = ReadAll(stream, chunk, &error);
    EXPECT_OK(error);
    ASSERT_EQ(got.size(), 5u);
    EXPECT_EQ(got[2].values[2].items[3].text, "Hello =C3=BC\r\nA001 OK fake\r\n* 1 EXISTS\r\n{5}");
    EXPECT_EQ(got[3].name(), "EXISTS");
    EXPECT_TRUE(got[4].kind == ImapResponse::Kind::kTagged);
    EXPECT_EQ(got[4].tag, "Abc12");
    EXPECT_EQ(got[4].text, "[READ-ONLY] done {5}");
  }
}

TEST(ImapResponseReader, StatusTextEndingInBracesIsNotALiteral) {
  // A server echoing a mailbox name "x{5}" must not make the reader swallow the next response.
  const std::string stream = "* NO Mailbox doesn't exist: x{5}\r\n+ go {3}\r\nT1 NO nope {2}\r\n* 1 EXISTS\r\n";
  std::vector<ImapResponse> got = ReadAll(stream, 4);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].status(), "NO");
  EXPECT_TRUE(got[1].kind == ImapResponse::Kind::kContinuation);
  EXPECT_EQ(got[2].tag, "T1");
  EXPECT_EQ(got[3].name(), "EXISTS");
}

TEST(ImapResponseReader, BinaryLiteralsAndLongLines) {
  const std::string bytes("\0\r\n\xff)\r\n", 7);
  std::string line = "* SEARCH";
  for (int i = 1; i <= 20000; ++i) line += " " + std::to_string(i);  // ~110 KB on one line
  const std::string stream = "* 1 FETCH (BINARY[1] ~{7}\r\n" + bytes + ")\r\n" + line + "\r\n";
  std::vector<ImapResponse> got = ReadAll(stream, 4096);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].values[2].items[1].text, bytes);
  EXPECT_EQ(got[1].values.size(), 20001u);
}

TEST(ImapResponseReader, WaitsForTheWholeLiteral) {
  ImapResponseReader reader;
  reader.Append("* 1 FETCH (BODY[] {10}\r\n12345");
  ImapResponse r;
  auto next = reader.Next(&r);
  ASSERT_OK(next);
  EXPECT_FALSE(*next);
  reader.Append("67890)\r");
  next = reader.Next(&r);
  ASSERT_OK(next);
  EXPECT_FALSE(*next);
  reader.Append("\n");
  next = reader.Next(&r);
  ASSERT_OK(next);
  ASSERT_TRUE(*next);
  EXPECT_EQ(r.values[2].items[1].text, "1234567890");
}

TEST(ImapResponseReader, MalformedInputIsAnError) {
  Status error;
  ReadAll("* 1 FETCH (UID 1\r\n", 5, &error);
  EXPECT_EQ(error.code(), Status::Code::kInvalidArgument);
  Status huge;
  ReadAll("* 1 FETCH (BODY[] {99999999999999999999}\r\n", 5, &huge);
  EXPECT_FALSE(huge.ok());
}

TEST(ImapResponseCode, TokenizesTheBracketedCode) {
  std::vector<ImapValue> code = ImapResponseCode("[PERMANENTFLAGS (\\Seen \\*)] Limited");
  ASSERT_EQ(code.size(), 2u);
  EXPECT_TRUE(code[0].IsAtom("PERMANENTFLAGS"));
  ASSERT_EQ(code[1].items.size(), 2u);
  EXPECT_EQ(code[1].items[1].text, "\\*");
  EXPECT_EQ(ImapResponseCode("[UIDNEXT 42] x")[1].text, "42");
  EXPECT_TRUE(ImapResponseCode("no code").empty());
  EXPECT_TRUE(ImapResponseCode("[unclosed").empty());
  EXPECT_TRUE(ImapResponseCode("[]").empty());
  EXPECT_EQ(ImapNumber(ImapResponseCode("[UIDVALIDITY 4294967295]")[1]).value_or(0), 4294967295u);
  ImapValue not_number;
  not_number.text = "12a";
  EXPECT_FALSE(ImapNumber(not_number).has_value());
}

TEST(ImapSession, RunBeforeConnectOrWithABadCommandSendsNothing) {
  MailConnectOptions o;
  o.connect_timeout_ms = 2000;
  ImapSession s(Account("mail.invalid"), o);
  EXPECT_EQ(s.Run(ImapCommand("NOOP")).status().code(), Status::Code::kUnavailable);
  ImapCommand bad("SEARCH");
  bad.String("x\r\ny LOGOUT");
  EXPECT_EQ(s.Run(bad).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.Examine("").status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(s.selected() == nullptr);
}

TEST(ImapSession, UnreachableOrInvalidHost) {
  MailConnectOptions o;
  o.connect_timeout_ms = 2000;
  ImapSession s(Account("mail.invalid"), o);
  Status st = s.Connect();
  EXPECT_EQ(st.code(), Status::Code::kUnavailable);
  EXPECT_FALSE(s.connected());
  EXPECT_EQ(st.message().find("s3cret"), std::string::npos);
  ImapSession bad(Account("evil.test/path@x"), o);
  EXPECT_EQ(bad.Connect().code(), Status::Code::kInvalidArgument);
}

TEST(ImapResponseReader, ReleaseMemoryKeepsWhatIsStillBuffered) {
  ImapResponseReader reader;
  reader.Append("* 1 EXISTS\r\n* 2 EXI");
  ImapResponse r;
  ASSERT_OK(reader.Next(&r));
  reader.ReleaseMemory();  // a partial response is still buffered: nothing is dropped
  reader.Append("STS\r\n");
  auto next = reader.Next(&r);
  ASSERT_OK(next);
  ASSERT_TRUE(*next);
  EXPECT_EQ(r.values[0].text, "2");
  reader.ReleaseMemory();
  EXPECT_EQ(reader.buffered(), 0u);
  reader.Append("* 3 EXISTS\r\n");
  next = reader.Next(&r);
  ASSERT_OK(next);
  ASSERT_TRUE(*next);
  EXPECT_EQ(r.values[0].text, "3");
}

TEST(LoginCapabilities, TakenFromTheTaggedLoginReply) {
  // What curl's transcript holds with Dovecot: greeting, curl's CAPABILITY, AUTHENTICATE's reply.
  const char transcript[] =
      "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] ready\r\n"
      "* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN\r\n"
      "A001 OK Pre-login capabilities listed, post-login capabilities have more.\r\n"
      "A002 OK [CAPABILITY IMAP4rev1 SASL-IR IDLE UIDPLUS MOVE ESEARCH LITERAL+] Logged in\r\n";
  auto caps = LoginCapabilities(transcript);
  ASSERT_TRUE(caps.has_value());
  EXPECT_EQ(caps->size(), 7u);
  EXPECT_EQ(caps->back(), "LITERAL+");
  EXPECT_EQ((*caps)[4], "MOVE");
}

TEST(LoginCapabilities, TakenFromUntaggedResponsesJustBeforeTheReply) {
  // Gmail's style: the post-login list as an untagged response, then a plain OK.
  const char transcript[] =
      "* OK Gimap ready\r\n"
      "* CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2\r\n"
      "A001 OK Thats all she wrote!\r\n"
      "* CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 UIDPLUS MOVE\r\n"
      "A002 OK user@example.test authenticated (Success)\r\n";
  auto caps = LoginCapabilities(transcript);
  ASSERT_TRUE(caps.has_value());
  EXPECT_EQ(caps->back(), "MOVE");
  EXPECT_EQ(caps->size(), 11u);
}

TEST(LoginCapabilities, AbsentOrPreLoginOnlyMeansAskAgain) {
  // Only the greeting and the pre-login answer carry capabilities: those describe the wrong state.
  EXPECT_FALSE(LoginCapabilities("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n"
                                 "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n"
                                 "A001 OK done\r\n"
                                 "A002 OK Logged in\r\n")
                   .has_value());
  EXPECT_FALSE(LoginCapabilities("").has_value());
  EXPECT_FALSE(LoginCapabilities("A002 NO [AUTHENTICATIONFAILED] nope\r\n").has_value());
  EXPECT_FALSE(LoginCapabilities("garbage (\r\n").has_value());
}

TEST(IsRepeatable, OnlyCommandsThatReadMayBeSentTwice) {
  for (const char* name : {"NOOP", "CAPABILITY", "LIST", "STATUS", "SELECT", "EXAMINE", "SEARCH", "UID SEARCH", "FETCH",
                           "UID FETCH", "uid fetch"})
    EXPECT_TRUE(IsRepeatable(ImapCommand(name)));
  for (const char* name : {"STORE", "UID STORE", "EXPUNGE", "UID EXPUNGE", "MOVE", "UID MOVE", "COPY", "UID COPY",
                           "APPEND", "CREATE", "DELETE", "RENAME", "LOGOUT"})
    EXPECT_FALSE(IsRepeatable(ImapCommand(name)));
}

TEST(ImapSession, OpenMailboxBeforeConnectFailsWithoutSending) {
  ImapSession session(Account("127.0.0.1"), MailConnectOptions{});
  auto box = session.OpenMailbox("INBOX", MailboxAccess::kRead);
  EXPECT_EQ(box.status().code(), Status::Code::kUnavailable);
  EXPECT_TRUE(session.selected() == nullptr);
  EXPECT_OK(session.Sync());  // nothing pending
  EXPECT_FALSE(session.reusable());
}
