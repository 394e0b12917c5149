#include "mail/imap_transcript.h"

#include "testing.h"

using namespace mail_mcp;

TEST(ImapTranscript, SkipsGreetingAndLoginWhenCurlConnected) {
  auto r = LastImapCommand(
      "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n"
      "* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\n"
      "A001 OK done\r\n"
      "A002 OK Begin TLS\r\n"
      "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n"
      "A003 OK done\r\n"
      "+ \r\n"
      "* CAPABILITY IMAP4rev1 SPECIAL-USE\r\n"
      "A004 OK Logged in\r\n"
      "* LIST () \"/\" INBOX\r\n"
      "* LIST () \"/\" {3}\r\na\r\n\r\n"
      "A005 OK List completed\r\n");
  ASSERT_OK(r);
  EXPECT_EQ(r->untagged, "* LIST () \"/\" INBOX\r\n* LIST () \"/\" {3}\r\na\r\n\r\n");
  EXPECT_EQ(r->completion.tag, "A005");
  EXPECT_EQ(r->completion.status(), "OK");
}

TEST(ImapTranscript, ReusedConnectionHasOnlyTheCommand) {
  auto r = LastImapCommand("* 2 EXISTS\r\n* SEARCH 1 2\r\nB007 OK Search done\r\n");
  ASSERT_OK(r);
  EXPECT_EQ(r->untagged, "* 2 EXISTS\r\n* SEARCH 1 2\r\n");
}

TEST(ImapTranscript, KeepsTheServersRefusal) {
  auto r = LastImapCommand("A009 NO [NONEXISTENT] Unknown Mailbox: Foo\r\n");
  ASSERT_OK(r);
  EXPECT_EQ(r->untagged, "");
  EXPECT_EQ(r->completion.status(), "NO");
  EXPECT_EQ(r->completion.text, "[NONEXISTENT] Unknown Mailbox: Foo");
}

TEST(ImapTranscript, DetectsCurlStoppingInsideALiteral) {
  // A message line "A004 OK" ends curl's line-based wait for the tagged reply in mid-literal.
  auto r = LastImapCommand("* 1 FETCH (BODY[] {40}\r\nSubject: hi\r\n\r\nA004 OK fake\r\n");
  EXPECT_FALSE(r.ok());
}

TEST(ImapTranscript, RequiresATaggedCompletion) {
  EXPECT_FALSE(LastImapCommand("").ok());
  EXPECT_FALSE(LastImapCommand("* BYE shutting down\r\n").ok());
}
