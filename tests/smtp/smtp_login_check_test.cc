#include "smtp/smtp_login_check.h"

#include "net/fake_line_server.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

const char kPassword[] = "s3cret-Pa55";

MailAccount Account(int imap_port, int smtp_port) {
  MailAccount a;
  a.servers = {"127.0.0.1", imap_port, false, "127.0.0.1", smtp_port, false};
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

/// An SMTP server that offers AUTH but no STARTTLS.
std::string PlainSmtp(const std::string& line) {
  if (line.rfind("EHLO", 0) == 0) return "250-fake.test\r\n250 AUTH PLAIN LOGIN\r\n";
  if (line.rfind("QUIT", 0) == 0) return "221 bye\r\n";
  return "503 not now\r\n";
}

}  // namespace

TEST(SmtpLoginCheck, SmtpServerWithoutStartTlsFailsAndGetsNoCredentials) {
  testing::FakeLineServer server("220 fake.test ESMTP\r\n", PlainSmtp);
  Status s = CheckSmtpLogin(Account(1, server.port()), FastOptions());
  EXPECT_EQ(s.code(), Status::Code::kUnavailable);
  EXPECT_CONTAINS(s.message(), "SMTP server 127.0.0.1:" + std::to_string(server.port()));
  EXPECT_CONTAINS(s.message(), "does not offer STARTTLS (required)");
  EXPECT_EQ(s.message().find(kPassword), std::string::npos);
  for (const std::string& line : server.received()) {
    EXPECT_EQ(line.find("AUTH"), std::string::npos);
    EXPECT_EQ(line.find(kPassword), std::string::npos);
  }
}

TEST(SmtpLoginCheck, EmptyUsernameIsRejectedUpFront) {
  MailAccount a = Account(1, 1);
  a.smtp_username.clear();
  EXPECT_EQ(CheckSmtpLogin(a, FastOptions()).code(), Status::Code::kInvalidArgument);
}
