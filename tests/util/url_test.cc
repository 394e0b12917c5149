#include "util/url.h"

#include "testing.h"

using namespace mail_mcp;

TEST(Url, ParsesPartsAndLowercasesSchemeAndHost) {
  auto u = ParseHttpUrl("HTTPS://Mail.Example.COM:8443/a/b?x=1#frag");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "mail.example.com");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->path, "/a/b");
  EXPECT_EQ(u->query, "x=1");
  EXPECT_TRUE(u->has_fragment);
  EXPECT_EQ(u->Origin(), "https://mail.example.com:8443");
}

TEST(Url, DefaultPortsAreOmittedFromOrigin) {
  EXPECT_EQ(ParseHttpUrl("https://a.test:443/x")->Origin(), "https://a.test");
  EXPECT_EQ(ParseHttpUrl("http://[::1]:8080")->Origin(), "http://[::1]:8080");
}

TEST(Url, RejectsUserinfoControlCharsAndOtherSchemes) {
  for (const char* bad : {"https://user@evil.test/", "https://evil.test\\@good.test", "javascript:alert(1)",
                          "ftp://x.test", "https://", "https://a.test:0", "https://a.test:65536", "https://a b.test",
                          "https://a.test/\r\nX: y", "https://a.test:", "//a.test", "https://[::1"})
    EXPECT_FALSE(ParseHttpUrl(bad).has_value());
}

TEST(Url, LoopbackHosts) {
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.1.evil.test"));
  EXPECT_FALSE(IsLoopbackHost("localhost.evil.test"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
}
