#include "state/redis_url.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

RedisOptions Parse(const std::string& url) {
  RedisOptions o;
  o.ca_file = "/ca.pem";
  o.timeout_ms = 1234;
  Status s = ParseRedisUrl(url, &o);
  if (!s.ok()) o.host = "ERROR: " + s.message();
  return o;
}

}  // namespace

TEST(RedisUrl, ReadsHostPortDatabaseAndKeepsTheCaAndTimeout) {
  RedisOptions o = Parse("redis://cache.internal:6380/2");
  EXPECT_EQ(o.host, "cache.internal");
  EXPECT_EQ(o.port, 6380);
  EXPECT_EQ(o.db, 2);
  EXPECT_FALSE(o.tls);
  EXPECT_EQ(o.ca_file, "/ca.pem");
  EXPECT_EQ(o.timeout_ms, 1234);
  RedisOptions d = Parse("rediss://10.0.0.5");
  EXPECT_TRUE(d.tls);
  EXPECT_EQ(d.port, 6379);
  EXPECT_EQ(d.db, 0);
  EXPECT_EQ(Parse("redis://[::1]:7000/").host, "[::1]");
  EXPECT_EQ(Parse("redis://[::1]:7000/").port, 7000);
}

TEST(RedisUrl, ReadsAclUserPasswordOnlyAndPercentEncoding) {
  RedisOptions acl = Parse("redis://mail_mcp:p%40ss%3Aword@h:1/0");
  EXPECT_EQ(acl.username, "mail_mcp");
  EXPECT_EQ(acl.password, "p@ss:word");
  RedisOptions empty_user = Parse("redis://:secret@h");
  EXPECT_EQ(empty_user.username, "");
  EXPECT_EQ(empty_user.password, "secret");
  EXPECT_EQ(Parse("redis://secret@h").password, "secret");
}

TEST(RedisUrl, RefusesWhatItDoesNotUnderstandWithoutEchoingThePassword) {
  for (const char* bad : {"http://h", "redis://", "redis://h:0", "redis://h:65536", "redis://h:x", "redis://h/db1",
                          "redis://h/1/2", "redis://h?timeout=1", "redis://h#x", "redis://[::1", "redis://h h",
                          "redis://u:%zz@h", "redis://u:hunter2@:1"}) {
    RedisOptions o;
    Status s = ParseRedisUrl(bad, &o);
    EXPECT_FALSE(s.ok());
    EXPECT_TRUE(s.message().find("hunter2") == std::string::npos);
  }
}
