#include "tools/upstream_limits.h"

#include <optional>

#include "testing.h"

using namespace mail_mcp;

namespace {

MailAccount Account(const std::string& user, const std::string& password = "pw") {
  MailAccount a;
  a.servers.imap_host = "IMAP.example.test";
  a.servers.imap_port = 993;
  a.imap_username = user;
  a.imap_password = password;
  return a;
}

}  // namespace

TEST(UpstreamLimits, AMailboxOverItsCapIsRefusedAtOnceAndFreedWhenACallEnds) {
  UpstreamLimits limits(2, 100);
  auto a = limits.Acquire(Account("alice"), "10.0.0.1");
  auto b = limits.Acquire(Account("alice", "other password"), "10.0.0.2");
  ASSERT_OK(a);
  ASSERT_OK(b);
  auto c = limits.Acquire(Account("alice"), "10.0.0.3");
  EXPECT_EQ(c.status().code(), Status::Code::kResourceExhausted);
  EXPECT_EQ(c.status().message(),
            "too many calls on this mailbox are in progress (2 at once); try again when one has finished");
  ASSERT_OK(limits.Acquire(Account("bob"), "10.0.0.3"));  // another mailbox is not affected (and is freed here)
  { auto done = std::move(*a); }
  ASSERT_OK(limits.Acquire(Account("alice"), "10.0.0.3"));
}

TEST(UpstreamLimits, AClientOverItsCapIsRefusedWhateverTheMailbox) {
  UpstreamLimits limits(100, 2);
  auto a = limits.Acquire(Account("a"), "10.0.0.1");
  auto b = limits.Acquire(Account("b"), "10.0.0.1");
  ASSERT_OK(a);
  ASSERT_OK(b);
  auto c = limits.Acquire(Account("c"), "10.0.0.1");
  EXPECT_EQ(c.status().message(),
            "too many mail calls from your address are in progress (2 at once); try again when one has finished");
  ASSERT_OK(limits.Acquire(Account("c"), "10.0.0.2"));
}
