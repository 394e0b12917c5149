#include "util/ip_address.h"

#include "testing.h"

using namespace mail_mcp;

TEST(IpAddress, ParsesBothFamiliesAndPrintsThemBack) {
  auto v4 = ParseIpAddress("192.0.2.10");
  ASSERT_TRUE(v4.has_value());
  EXPECT_TRUE(v4->IsV4());
  EXPECT_EQ(v4->ToString(), "192.0.2.10");
  auto v6 = ParseIpAddress("2001:DB8:0:0::1");
  ASSERT_TRUE(v6.has_value());
  EXPECT_FALSE(v6->IsV4());
  EXPECT_EQ(v6->ToString(), "2001:db8::1");
  auto mapped = ParseIpAddress("::ffff:192.0.2.10");
  ASSERT_TRUE(mapped.has_value());
  EXPECT_TRUE(*mapped == *v4);
  EXPECT_EQ(mapped->ToString(), "192.0.2.10");
}

TEST(IpAddress, RefusesAnythingButABareAddress) {
  for (const char* bad : {"", " 192.0.2.1", "192.0.2.1 ", "192.0.2.1:80", "[::1]", "::1%lo", "192.0.2", "256.0.0.1",
                          "1.2.3.4.5", "localhost", "unknown", "_hidden", "0x7f.0.0.1"})
    EXPECT_FALSE(ParseIpAddress(bad).has_value());
  EXPECT_FALSE(ParseIpAddress(std::string("127.0.0.1\0x", 11)).has_value());
}

TEST(IpNetwork, MatchesByPrefixInEitherFamily) {
  auto net = ParseIpNetwork("10.1.0.0/16");
  ASSERT_TRUE(net.has_value());
  EXPECT_TRUE(net->Contains(*ParseIpAddress("10.1.255.7")));
  EXPECT_TRUE(net->Contains(*ParseIpAddress("::ffff:10.1.0.1")));
  EXPECT_FALSE(net->Contains(*ParseIpAddress("10.2.0.1")));
  EXPECT_FALSE(net->Contains(*ParseIpAddress("2001:db8::1")));
  auto one = ParseIpNetwork("127.0.0.1");
  ASSERT_TRUE(one.has_value());
  EXPECT_TRUE(one->Contains(*ParseIpAddress("127.0.0.1")));
  EXPECT_FALSE(one->Contains(*ParseIpAddress("127.0.0.2")));
  auto v6 = ParseIpNetwork("2001:db8:1::/48");
  ASSERT_TRUE(v6.has_value());
  EXPECT_TRUE(v6->Contains(*ParseIpAddress("2001:db8:1:ffff::9")));
  EXPECT_FALSE(v6->Contains(*ParseIpAddress("2001:db8:2::9")));
  auto all = ParseIpNetwork("0.0.0.0/0");
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->Contains(*ParseIpAddress("203.0.113.9")));
  EXPECT_FALSE(all->Contains(*ParseIpAddress("2001:db8::1")));
}

TEST(IpNetwork, RefusesBadPrefixesAndHostBits) {
  for (const char* bad : {"10.0.0.0/33", "10.0.0.1/8", "10.0.0.0/", "10.0.0.0/x", "::/129", "2001:db8::1/32", "/8",
                          "10.0.0.0/08x", "10.0.0.0/ 8"})
    EXPECT_FALSE(ParseIpNetwork(bad).has_value());
}
