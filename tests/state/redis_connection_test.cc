// RedisConnection and RedisStateStore against small fake servers that misbehave (the real Redis is
// in tests/integration/shared_state.test.mjs): refused credentials, malformed and missing replies.
#include "state/redis_connection.h"

#include <chrono>

#include "net/curl_global.h"
#include "net/fake_line_server.h"
#include "state/redis_state_store.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

RedisOptions Local(int port, long timeout_ms = 500) {
  RedisOptions o;
  o.host = "127.0.0.1";
  o.port = port;
  o.timeout_ms = timeout_ms;
  return o;
}

}  // namespace

TEST(RedisConnection, SendsAuthAndSelectAndRefusedCredentialsAreNotEchoed) {
  EnsureCurlGlobalInit();
  testing::FakeLineServer server("", [](const std::string& line) -> std::string {
    if (line == "AUTH") return "-WRONGPASS invalid username-password pair\r\n";
    if (line == "SELECT") return "-NOAUTH Authentication required.\r\n";
    return "";
  });
  RedisOptions o = Local(server.port());
  o.username = "mail_mcp";
  o.password = "hunter2";
  o.db = 3;
  auto c = RedisConnection::Open(o);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kUnauthenticated);
  EXPECT_TRUE(c.status().message().find("hunter2") == std::string::npos);
  auto got = server.received();
  // *3 $4 AUTH $8 mail_mcp $7 hunter2, then *2 $6 SELECT $1 3: pipelined in one write.
  ASSERT_TRUE(got.size() >= 12u);
  EXPECT_EQ(got[0], "*3");
  EXPECT_EQ(got[4], "mail_mcp");
  EXPECT_EQ(got[9], "SELECT");
}

TEST(RedisConnection, AMalformedReplyBreaksTheConnection) {
  EnsureCurlGlobalInit();
  testing::FakeLineServer server("", [](const std::string& line) -> std::string {
    return line == "PING" ? "+PONG\n" : "";  // a bare LF
  });
  auto c = RedisConnection::Open(Local(server.port()));
  ASSERT_OK(c);
  auto r = (*c)->Call({"PING"});
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
}

TEST(RedisConnection, ASilentServerCostsAtMostTheTimeout) {
  EnsureCurlGlobalInit();
  testing::FakeLineServer server("", [](const std::string&) -> std::string { return ""; });
  auto c = RedisConnection::Open(Local(server.port(), 300));
  ASSERT_OK(c);
  const auto start = std::chrono::steady_clock::now();
  auto r = (*c)->Call({"PING"});
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
  EXPECT_LT(ms, 1500);
}

TEST(RedisStateStore, AServerThatWantsAPasswordStopsStartUp) {
  EnsureCurlGlobalInit();
  testing::FakeLineServer server("", [](const std::string& line) -> std::string {
    return line == "PING" ? "-NOAUTH Authentication required.\r\n" : "";
  });
  RedisStateStore store(Local(server.port()), "https://mail.example.com", std::string(32, 'k'), [] { return 0; });
  Status s = store.Start();
  EXPECT_EQ(s.code(), Status::Code::kUnauthenticated);
}

TEST(RedisStateStore, AnUnreachableServerStartsDegradedAndFailsClosedAtOnce) {
  EnsureCurlGlobalInit();
  int port = 0;
  {
    testing::FakeLineServer gone("", [](const std::string&) -> std::string { return ""; });
    port = gone.port();
  }  // closed: connections to it are refused
  RedisStateStore store(Local(port), "https://mail.example.com", std::string(32, 'k'), [] { return 1000; });
  ASSERT_OK(store.Start());
  EXPECT_FALSE(store.Health().reachable);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(store.UseCode("abc", 2000).status().code(), Status::Code::kUnavailable);
  EXPECT_EQ(store.UseRefreshToken("fam", 0, 2000).status().code(), Status::Code::kUnavailable);
  EXPECT_FALSE(store.RevokeGrant("fam", 2000).ok());
  EXPECT_FALSE(store.LoginFailures("1.2.3.4").ok());
  EXPECT_FALSE(store.IsGrantRevoked("fam"));  // nothing known: the access token keeps working
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count(),
            100);
}
