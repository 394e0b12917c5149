#include "mail/imap_connection.h"

#include "mail/fake_line_server.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

const char kPassword[] = "s3cret-Pa55";

MailAccount Account(const std::string& host, int port, bool ssl) {
  MailAccount a;
  a.servers.imap_host = host;
  a.servers.imap_port = port;
  a.servers.imap_ssl = ssl;
  a.imap_username = "user@example.test";
  a.imap_password = kPassword;
  return a;
}

MailConnectOptions FastOptions() {
  MailConnectOptions o;
  o.connect_timeout_ms = 3000;
  o.command_timeout_ms = 3000;
  return o;
}

/// An IMAP server without STARTTLS: answers CAPABILITY and LOGOUT, refuses the rest.
std::string PlainImap(const std::string& line) {
  const std::string tag = line.substr(0, line.find(' '));
  if (line.find("CAPABILITY") != std::string::npos)
    return "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + " OK done\r\n";
  if (line.find("LOGOUT") != std::string::npos) return "* BYE bye\r\n" + tag + " OK done\r\n";
  return tag + " BAD not now\r\n";
}

}  // namespace

TEST(ImapConnection, CommandWithCrLfOrNulIsRejectedBeforeConnecting) {
  // mail.invalid never resolves: reaching the network would give Unavailable, not InvalidArgument.
  ImapConnection imap(Account("mail.invalid", 993, true), FastOptions());
  for (std::string_view bad : {std::string_view("NOOP\r\nA1 LOGOUT"), std::string_view("NOOP\nX"),
                               std::string_view("NOOP\rX"), std::string_view("SELECT \"a\0b\"", 13),
                               std::string_view("NOOP\r\n"), std::string_view("\n")}) {
    auto r = imap.Command(bad);
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_CONTAINS(r.status().message(), "control character");
  }
  EXPECT_EQ(imap.Command("").status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(imap.Command("NOOP\t").status().code(), Status::Code::kInvalidArgument);
}

TEST(ImapConnection, InvalidHostIsRejectedWithoutConnecting) {
  ImapConnection imap(Account("evil.test/path@x", 993, true), FastOptions());
  Status s = imap.Connect();
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_CONTAINS(s.message(), "IMAP server host name");
}

TEST(ImapConnection, ServerWithoutStartTlsFailsAndGetsNoCredentials) {
  testing::FakeLineServer server("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready\r\n", PlainImap);
  Status s;
  {
    ImapConnection imap(Account("127.0.0.1", server.port(), /*ssl=*/false), FastOptions());
    s = imap.Connect();
  }
  EXPECT_EQ(s.code(), Status::Code::kUnavailable);
  EXPECT_CONTAINS(s.message(), "does not offer STARTTLS (required)");
  EXPECT_CONTAINS(s.message(), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(s.message().find(kPassword), std::string::npos);
  for (const std::string& line : server.received()) {
    EXPECT_EQ(line.find(kPassword), std::string::npos);
    EXPECT_EQ(line.find("LOGIN"), std::string::npos);
    EXPECT_EQ(line.find("AUTHENTICATE"), std::string::npos);
  }
}

TEST(ImapConnection, ImplicitTlsToAPlaintextServerFails) {
  testing::FakeLineServer server("* OK fake ready\r\n", PlainImap);
  Status s;
  {
    ImapConnection imap(Account("127.0.0.1", server.port(), /*ssl=*/true), FastOptions());
    s = imap.Connect();
  }
  EXPECT_EQ(s.code(), Status::Code::kUnavailable);
  EXPECT_EQ(s.message().find(kPassword), std::string::npos);
}
