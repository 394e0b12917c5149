#include "imap/imap_login_check.h"

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

}  // namespace

TEST(ImapLoginCheck, ImapServerWithoutStartTlsFails) {
  testing::FakeLineServer server("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake\r\n", [](const std::string& line) {
    std::string tag = line.substr(0, line.find(' '));
    if (line.find("CAPABILITY") != std::string::npos) return "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + " OK\r\n";
    return tag + " OK\r\n";
  });
  Status s = CheckImapLogin(Account(server.port(), 1), FastOptions());
  EXPECT_EQ(s.code(), Status::Code::kUnavailable);
  EXPECT_CONTAINS(s.message(), "STARTTLS");
}

TEST(ImapLoginCheck, EmptyUsernameIsRejectedUpFront) {
  MailAccount a = Account(1, 1);
  a.imap_username.clear();
  EXPECT_EQ(CheckImapLogin(a, FastOptions()).code(), Status::Code::kInvalidArgument);
}
