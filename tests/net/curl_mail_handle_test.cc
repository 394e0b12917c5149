#include "net/curl_mail_handle.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

MailAccount Account() {
  MailAccount a;
  a.servers = {"imap.example.test", 993, true, "smtp.example.test", 587, false};
  a.imap_username = "u@example.test";
  a.imap_password = "imap-secret";
  a.smtp_username = "s@example.test";
  a.smtp_password = "smtp-secret";
  return a;
}

}  // namespace

TEST(CurlMailHandle, UrlsFollowTheTlsMode) {
  MailAccount a = Account();
  EXPECT_EQ(MailEndpointUrl(ImapEndpoint(a)), "imaps://imap.example.test:993/");
  EXPECT_EQ(MailEndpointUrl(SmtpEndpoint(a)), "smtp://smtp.example.test:587/");
  a.servers.imap_ssl = false;
  a.servers.imap_port = 143;
  a.servers.smtp_ssl = true;
  a.servers.smtp_port = 465;
  EXPECT_EQ(MailEndpointUrl(ImapEndpoint(a)), "imap://imap.example.test:143/");
  EXPECT_EQ(MailEndpointUrl(SmtpEndpoint(a)), "smtps://smtp.example.test:465/");
}

TEST(CurlMailHandle, UrlsHoldNoCredentials) {
  MailAccount a = Account();
  EXPECT_EQ(MailEndpointUrl(ImapEndpoint(a)).find("secret"), std::string::npos);
  EXPECT_EQ(MailEndpointUrl(ImapEndpoint(a)).find('@'), std::string::npos);
  EXPECT_EQ(ImapEndpoint(a).password, "imap-secret");
  EXPECT_EQ(SmtpEndpoint(a).username, "s@example.test");
}

TEST(CurlMailHandle, Ipv6LiteralsKeepOrGainBrackets) {
  MailAccount a = Account();
  a.servers.imap_host = "[2001:db8::1]";
  EXPECT_EQ(MailEndpointUrl(ImapEndpoint(a)), "imaps://[2001:db8::1]:993/");
  a.servers.imap_host = "::1";
  EXPECT_EQ(MailEndpointUrl(ImapEndpoint(a)), "imaps://[::1]:993/");
}

TEST(CurlMailHandle, BadHostOrPortFailsPerformWithoutConnecting) {
  MailAccount a = Account();
  a.servers.imap_host = "a b";
  CurlMailHandle bad_host(ImapEndpoint(a), MailConnectOptions{});
  EXPECT_EQ(bad_host.Perform("NOOP").code(), Status::Code::kInvalidArgument);
  a = Account();
  a.servers.imap_port = 70000;
  CurlMailHandle bad_port(ImapEndpoint(a), MailConnectOptions{});
  EXPECT_EQ(bad_port.Perform("NOOP").code(), Status::Code::kInvalidArgument);
}

TEST(CurlMailHandle, AMalformedBearerTokenFailsBeforeConnecting) {
  MailAccount a = Account();
  a.imap_password.clear();
  a.bearer_token =
      "abc\x01"
      "auth=Bearer other";
  CurlMailHandle imap(ImapEndpoint(a), MailConnectOptions{});
  EXPECT_EQ(imap.ConnectOnly().code(), Status::Code::kInvalidArgument);
  a.bearer_token = "ya29.good-token";
  EXPECT_EQ(ImapEndpoint(a).bearer_token, "ya29.good-token");
  EXPECT_EQ(SmtpEndpoint(a).bearer_token, "ya29.good-token");
}
