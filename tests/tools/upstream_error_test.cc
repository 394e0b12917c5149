#include "tools/upstream_error.h"

#include <curl/curl.h>

#include "imap/imap_response.h"
#include "net/curl_status.h"
#include "smtp/smtp_sender.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

/// `framed` starts with "<protocol>: " and the rest does not name the protocol again at its start
/// (no "SMTP: SMTP: …", no "IMAP: IMAP login failed …").
bool NamesProtocolOnce(const std::string& framed, std::string_view protocol) {
  const std::string prefix = std::string(protocol) + ": ";
  return framed.rfind(prefix, 0) == 0 && framed.compare(prefix.size(), protocol.size(), protocol) != 0;
}

/// A dialogue logged in and past MAIL FROM, as SendMail's debug callback would record it.
SmtpDialogue MailFromAccepted() {
  SmtpDialogue d;
  d.OnReply("220 mx.test ESMTP\r\n");
  d.OnCommand("EHLO client\r\n");
  d.OnReply("250-mx.test\r\n250 AUTH PLAIN\r\n");
  d.OnCommand("MAIL FROM:<a@example.test>\r\n");
  d.OnReply("250 OK\r\n");
  return d;
}

Status ImapParseFailure(std::string_view input, ImapParseLimits limits = {}) {
  ImapResponseReader reader(limits);
  reader.Append(input);
  ImapResponse r;
  return reader.Next(&r).status();
}

}  // namespace

TEST(UpstreamError, ImapAndSmtpFailuresArePrefixedWithTheProtocol) {
  EXPECT_EQ(ImapFailure("the server did not return the part"), "IMAP: the server did not return the part");
  EXPECT_EQ(SmtpFailure("could not connect"), "SMTP: could not connect");
  const ToolResult r = ImapError(Status::NotFound("no such mailbox"));
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.error_text, "IMAP: no such mailbox");
  EXPECT_EQ(ImapError(Status::Unavailable("timed out"), "search failed").error_text, "IMAP: search failed: timed out");
}

TEST(UpstreamError, SmtpRefusalsNameSmtpOnce) {
  SmtpDialogue d = MailFromAccepted();
  d.OnCommand("RCPT TO:<x@example.test>\r\n");
  d.OnReply("550 no such user x\r\n");
  auto refused = InterpretSmtpDialogue(d.exchanges(), Status::OK(), {"x@example.test"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(SmtpFailure(refused.status().message()), "SMTP: every recipient was refused: 550 no such user x");

  SmtpDialogue big = MailFromAccepted();
  big.OnCommand("RCPT TO:<b@example.test>\r\n");
  big.OnReply("250 ok\r\n");
  big.OnCommand("DATA\r\n");
  big.OnReply("354 go\r\n");
  big.OnReply("552 too big\r\n");
  auto too_large = InterpretSmtpDialogue(big.exchanges(), Status::OK(), {"b@example.test"});
  ASSERT_FALSE(too_large.ok());
  EXPECT_TRUE(NamesProtocolOnce(SmtpFailure(too_large.status().message()), "SMTP"));
}

TEST(UpstreamError, RejectedLoginsNameTheProtocolOnce) {
  const Status imap = CurlToStatus(CURLE_LOGIN_DENIED, "", "IMAP", "imap.example.test", 993);
  const Status smtp = CurlToStatus(CURLE_LOGIN_DENIED, "", "SMTP", "smtp.example.test", 587);
  EXPECT_TRUE(NamesProtocolOnce(ImapFailure(imap.message()), "IMAP"));
  EXPECT_TRUE(NamesProtocolOnce(SmtpFailure(smtp.message()), "SMTP"));
}

TEST(UpstreamError, OversizedImapResponsesNameImapOnce) {
  ImapParseLimits few;
  few.max_values = 2;
  ImapParseLimits shallow;
  shallow.max_depth = 1;
  for (const Status& s : {ImapParseFailure("* SEARCH 1 2 3 4\r\n", few), ImapParseFailure("* X ((1))\r\n", shallow),
                          ImapParseFailure("* 1 FETCH (BODY[] {999999999999999}\r\n")}) {
    EXPECT_EQ(s.code(), Status::Code::kResourceExhausted);
    EXPECT_TRUE(NamesProtocolOnce(ImapFailure(s.message()), "IMAP"));
  }
}
