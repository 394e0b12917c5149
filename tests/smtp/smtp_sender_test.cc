#include "smtp/smtp_sender.h"

#include <curl/curl.h>

#include "net/curl_status.h"
#include "net/fake_line_server.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

const char kPassword[] = "s3cret-Pa55";

MailAccount Account(int smtp_port, bool smtp_ssl = false) {
  MailAccount a;
  a.servers = {"127.0.0.1", 1, false, "127.0.0.1", smtp_port, smtp_ssl};
  a.imap_username = a.smtp_username = "user@example.test";
  a.imap_password = a.smtp_password = kPassword;
  return a;
}

MailConnectOptions FastOptions() {
  MailConnectOptions o;
  o.connect_timeout_ms = 3000;
  o.command_timeout_ms = 3000;
  return o;
}

const std::string kMessage = "From: a@example.test\r\nSubject: hi\r\n\r\nbody\r\n";

/// Feeds a dialogue up to MAIL FROM (greeting, EHLO, AUTH PLAIN accepted).
SmtpDialogue LoggedInDialogue() {
  SmtpDialogue d;
  d.OnReply("220 mx.test ESMTP\r\n");
  d.OnCommand("EHLO client\r\n");
  d.OnReply("250-mx.test\r\n250-SIZE 1000\r\n250 AUTH PLAIN\r\n");
  d.OnCommand(std::string("AUTH PLAIN AHVzZXIAczNjcmV0LVBhNTU=\r\n"));
  d.OnReply("235 2.7.0 ok\r\n");
  d.OnCommand("MAIL FROM:<a@example.test> SIZE=42\r\n");
  d.OnReply("250 OK\r\n");
  return d;
}

Status CurlError(CURLcode code) { return CurlToStatus(code, "", "SMTP", "127.0.0.1", 25); }

}  // namespace

TEST(SmtpDialogue, PairsCommandsWithRepliesAndKeepsNoCredentials) {
  SmtpDialogue d = LoggedInDialogue();
  const auto& e = d.exchanges();
  ASSERT_EQ(e.size(), size_t{4});
  EXPECT_EQ(e[0].command, "");
  EXPECT_EQ(e[0].code, 220);
  EXPECT_EQ(e[1].command, "EHLO client");
  EXPECT_EQ(e[1].code, 250);
  EXPECT_EQ(e[1].reply, "250-mx.test SIZE 1000 AUTH PLAIN");
  EXPECT_EQ(e[2].command, "*");
  EXPECT_EQ(e[2].code, 235);
  EXPECT_EQ(e[3].command, "MAIL FROM:<a@example.test> SIZE=42");
  for (const SmtpExchange& x : e) EXPECT_EQ(x.command.find("AHVzZXI"), std::string::npos);
}

TEST(SmtpDialogue, RepliesSplitAcrossChunksAndTheEndOfData) {
  SmtpDialogue d = LoggedInDialogue();
  d.OnCommand("RCPT TO:<b@example.test>\r\n");
  d.OnReply("25");
  d.OnReply("0 ok\r");
  d.OnReply("\n");
  d.OnCommand("DATA\r\n");
  d.OnReply("354 go ahead\r\n");
  d.OnReply("250-queued\r\n250 as 1234\r\n");
  const auto& e = d.exchanges();
  ASSERT_EQ(e.size(), size_t{7});
  EXPECT_EQ(e[4].code, 250);
  EXPECT_EQ(e[4].reply, "250 ok");
  EXPECT_EQ(e[5].command, "DATA");
  EXPECT_EQ(e[5].code, 354);
  EXPECT_EQ(e[6].command, ".");
  EXPECT_EQ(e[6].code, 250);
  EXPECT_EQ(e[6].reply, "250-queued as 1234");
}

TEST(SmtpDialogue, ControlBytesAreDroppedFromReplies) {
  SmtpDialogue d;
  d.OnReply("220 a\x01\x1b[31mb\r\n");
  ASSERT_EQ(d.exchanges().size(), size_t{1});
  EXPECT_EQ(d.exchanges()[0].reply, "220 a[31mb");
}

TEST(InterpretSmtpDialogue, SomeRecipientsRefused) {
  SmtpDialogue d = LoggedInDialogue();
  d.OnCommand("RCPT TO:<b@example.test>\r\n");
  d.OnReply("250 ok\r\n");
  d.OnCommand("RCPT TO:<nobody@example.test>\r\n");
  d.OnReply("550 5.1.1 <nobody@example.test>: unknown user\r\n");
  d.OnCommand("RCPT TO:<c@example.test>\r\n");
  d.OnReply("251 will forward\r\n");
  d.OnCommand("DATA\r\n");
  d.OnReply("354 go\r\n");
  d.OnReply("250 queued\r\n");
  auto r =
      InterpretSmtpDialogue(d.exchanges(), Status::OK(), {"b@example.test", "nobody@example.test", "c@example.test"});
  ASSERT_OK(r);
  ASSERT_EQ(r->accepted.size(), size_t{2});
  EXPECT_EQ(r->accepted[0], "b@example.test");
  EXPECT_EQ(r->accepted[1], "c@example.test");
  ASSERT_EQ(r->rejected.size(), size_t{1});
  EXPECT_EQ(r->rejected[0].first, "nobody@example.test");
  EXPECT_EQ(r->rejected[0].second, "550 5.1.1 <nobody@example.test>: unknown user");
}

TEST(InterpretSmtpDialogue, EveryRecipientRefused) {
  SmtpDialogue d = LoggedInDialogue();
  d.OnCommand("RCPT TO:<x@example.test>\r\n");
  d.OnReply("550 no such user x\r\n");
  d.OnCommand("RCPT TO:<y@example.test>\r\n");
  d.OnReply("550 no such user y\r\n");
  auto r = InterpretSmtpDialogue(d.exchanges(), CurlError(CURLE_SEND_ERROR), {"x@example.test", "y@example.test"});
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "every recipient was refused: 550 no such user y");
}

TEST(InterpretSmtpDialogue, TooLargeAtMailOrAfterData) {
  SmtpDialogue d = LoggedInDialogue();
  d.OnCommand("RCPT TO:<b@example.test>\r\n");
  d.OnReply("250 ok\r\n");
  d.OnCommand("DATA\r\n");
  d.OnReply("354 go\r\n");
  d.OnReply("552 5.3.4 message too big\r\n");
  auto r = InterpretSmtpDialogue(d.exchanges(), CurlError(CURLE_WEIRD_SERVER_REPLY), {"b@example.test"});
  EXPECT_EQ(r.status().code(), Status::Code::kResourceExhausted);
  EXPECT_CONTAINS(r.status().message(), "552 5.3.4 message too big");

  SmtpDialogue m;
  m.OnReply("220 hi\r\n");
  m.OnCommand("EHLO c\r\n");
  m.OnReply("250 ok\r\n");
  m.OnCommand("MAIL FROM:<a@example.test> SIZE=99999\r\n");
  m.OnReply("552 Message size exceeds maximum permitted\r\n");
  auto r2 = InterpretSmtpDialogue(m.exchanges(), CurlError(CURLE_SEND_ERROR), {"b@example.test"});
  EXPECT_EQ(r2.status().code(), Status::Code::kResourceExhausted);
}

TEST(InterpretSmtpDialogue, RefusalsAfterDataAreNotSuccess) {
  SmtpDialogue d = LoggedInDialogue();
  d.OnCommand("RCPT TO:<b@example.test>\r\n");
  d.OnReply("250 ok\r\n");
  d.OnCommand("DATA\r\n");
  d.OnReply("354 go\r\n");
  d.OnReply("554 5.7.1 looks like spam\r\n");
  auto r = InterpretSmtpDialogue(d.exchanges(), CurlError(CURLE_WEIRD_SERVER_REPLY), {"b@example.test"});
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_CONTAINS(r.status().message(), "554 5.7.1 looks like spam");

  SmtpDialogue t = LoggedInDialogue();
  t.OnCommand("RCPT TO:<b@example.test>\r\n");
  t.OnReply("250 ok\r\n");
  t.OnCommand("DATA\r\n");
  t.OnReply("451 try later\r\n");
  auto r2 = InterpretSmtpDialogue(t.exchanges(), CurlError(CURLE_SEND_ERROR), {"b@example.test"});
  EXPECT_EQ(r2.status().code(), Status::Code::kUnavailable);
}

TEST(InterpretSmtpDialogue, NoVerdictAfterTheWholeMessageIsDeliveryUnknownNeverAnError) {
  SmtpDialogue d = LoggedInDialogue();
  d.OnCommand("RCPT TO:<b@example.test>\r\n");
  d.OnReply("250 ok\r\n");
  d.OnCommand("RCPT TO:<x@example.test>\r\n");
  d.OnReply("550 no such user\r\n");
  d.OnCommand("DATA\r\n");
  d.OnReply("354 go\r\n");
  for (const Status& transfer : {CurlError(CURLE_RECV_ERROR), CurlError(CURLE_OPERATION_TIMEDOUT), Status::OK()}) {
    auto r = InterpretSmtpDialogue(d.exchanges(), transfer, {"b@example.test", "x@example.test"}, true);
    ASSERT_OK(r);
    EXPECT_TRUE(r->delivery == SmtpDelivery::kUnknown);
    EXPECT_EQ(r->unknown_reason, transfer.ok() ? "the server gave no reply" : transfer.message());
    ASSERT_EQ(r->accepted.size(), size_t{1});
    ASSERT_EQ(r->rejected.size(), size_t{1});
    EXPECT_EQ(r->rejected[0].first, "x@example.test");
  }
}

TEST(InterpretSmtpDialogue, ConnectionLostBeforeTheEndOfDataIsNotSent) {
  SmtpDialogue d = LoggedInDialogue();
  d.OnCommand("RCPT TO:<b@example.test>\r\n");
  d.OnReply("250 ok\r\n");
  d.OnCommand("DATA\r\n");
  d.OnReply("354 go\r\n");
  auto r = InterpretSmtpDialogue(d.exchanges(), CurlError(CURLE_SEND_ERROR), {"b@example.test"}, false);
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
  EXPECT_CONTAINS(r.status().message(), "before the server had all of it");

  // Closed on DATA, before 354: the server never got any of the message.
  SmtpDialogue c = LoggedInDialogue();
  c.OnCommand("RCPT TO:<b@example.test>\r\n");
  c.OnReply("250 ok\r\n");
  c.OnCommand("DATA\r\n");
  auto r2 = InterpretSmtpDialogue(c.exchanges(), CurlError(CURLE_RECV_ERROR), {"b@example.test"}, false);
  EXPECT_EQ(r2.status().code(), Status::Code::kUnavailable);
}

TEST(InterpretSmtpDialogue, ConfirmedSendIsDeliveryConfirmed) {
  SmtpDialogue d = LoggedInDialogue();
  d.OnCommand("RCPT TO:<b@example.test>\r\n");
  d.OnReply("250 ok\r\n");
  d.OnCommand("DATA\r\n");
  d.OnReply("354 go\r\n");
  d.OnReply("250 queued\r\n");
  auto r = InterpretSmtpDialogue(d.exchanges(), CurlError(CURLE_RECV_ERROR), {"b@example.test"});
  ASSERT_OK(r);
  EXPECT_TRUE(r->delivery == SmtpDelivery::kConfirmed);
}

TEST(InterpretSmtpDialogue, LoginAndConnectFailuresPassThrough) {
  SmtpDialogue d;
  d.OnReply("220 hi\r\n");
  d.OnCommand("EHLO c\r\n");
  d.OnReply("250 AUTH PLAIN\r\n");
  d.OnCommand("AUTH PLAIN AAAA\r\n");
  d.OnReply("535 5.7.8 bad credentials\r\n");
  auto r = InterpretSmtpDialogue(d.exchanges(), CurlError(CURLE_LOGIN_DENIED), {"b@example.test"});
  EXPECT_EQ(r.status().code(), Status::Code::kUnauthenticated);
  auto r2 = InterpretSmtpDialogue({}, CurlError(CURLE_COULDNT_CONNECT), {"b@example.test"});
  EXPECT_EQ(r2.status().code(), Status::Code::kUnavailable);
  auto r3 = InterpretSmtpDialogue({}, Status::OK(), {"b@example.test"});
  EXPECT_FALSE(r3.ok());
}

TEST(SendMail, BadAddressesAndMessagesAreRefusedBeforeConnecting) {
  // Port 1: nothing listens there, so reaching the network would give Unavailable instead.
  const MailAccount a = Account(1);
  const auto code = [&](const std::string& from, const std::vector<std::string>& to, const std::string& msg) {
    return SendMail(a, FastOptions(), from, to, msg).status().code();
  };
  const auto kInvalid = Status::Code::kInvalidArgument;
  EXPECT_EQ(code("a@example.test\r\nRCPT TO:<x@y>", {"b@example.test"}, kMessage), kInvalid);
  EXPECT_EQ(code("a@example.test> AUTH=<>", {"b@example.test"}, kMessage), kInvalid);
  EXPECT_EQ(code("", {"b@example.test"}, kMessage), kInvalid);
  EXPECT_EQ(code("a@example.test", {}, kMessage), kInvalid);
  EXPECT_EQ(code("a@example.test", {"b@example.test", "<c@example.test>"}, kMessage), kInvalid);
  EXPECT_EQ(code("a@example.test", {std::string("b@exa\0mple.test", 15)}, kMessage), kInvalid);
  EXPECT_EQ(code("a@example.test", {"b@example.test\n"}, kMessage), kInvalid);
  EXPECT_EQ(code("a@example.test", {"b@example.test"}, ""), kInvalid);
  EXPECT_EQ(code("a@example.test", {"b@example.test"}, "Subject: x\r\n\r\nline\n.\r\nMAIL FROM:<x>\r\n"), kInvalid);
  EXPECT_EQ(code("a@example.test", {"b@example.test"}, "Subject: x\r\n\r\nbare\rCR\r\n"), kInvalid);
  EXPECT_EQ(code("a@example.test", {"b@example.test"}, std::string("Subject: x\r\n\r\n\0\r\n", 17)), kInvalid);
  MailAccount no_user = a;
  no_user.smtp_username.clear();
  EXPECT_EQ(SendMail(no_user, FastOptions(), "a@example.test", {"b@example.test"}, kMessage).status().code(), kInvalid);
  // Well-formed input does reach the network.
  EXPECT_EQ(code("a@example.test", {"b@example.test"}, kMessage), Status::Code::kUnavailable);
}

TEST(SendMail, ServerWithoutStartTlsGetsNoCredentialsAndNoMessage) {
  testing::FakeLineServer server("220 fake.test ESMTP\r\n", [](const std::string& line) -> std::string {
    if (line.rfind("EHLO", 0) == 0) return "250-fake.test\r\n250 AUTH PLAIN LOGIN\r\n";
    if (line.rfind("QUIT", 0) == 0) return "221 bye\r\n";
    return "250 ok\r\n";
  });
  auto r = SendMail(Account(server.port()), FastOptions(), "user@example.test", {"b@example.test"}, kMessage);
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
  EXPECT_CONTAINS(r.status().message(), "does not offer STARTTLS (required)");
  for (const std::string& line : server.received()) {
    EXPECT_EQ(line.find("AUTH"), std::string::npos);
    EXPECT_EQ(line.find("MAIL"), std::string::npos);
    EXPECT_EQ(line.find(kPassword), std::string::npos);
  }
}

TEST(SendMail, NothingListeningIsUnavailable) {
  auto r = SendMail(Account(1, true), FastOptions(), "user@example.test", {"b@example.test"}, kMessage);
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
}
