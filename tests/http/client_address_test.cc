#include "http/client_address.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

std::vector<IpNetwork> Nets(std::initializer_list<const char*> cidrs) {
  std::vector<IpNetwork> out;
  for (const char* c : cidrs) out.push_back(*ParseIpNetwork(c));
  return out;
}

}  // namespace

TEST(ClientAddress, WithoutTrustedProxiesForwardingHeadersAreIgnored) {
  EXPECT_EQ(ResolveClientAddress("203.0.113.5", {"198.51.100.1"}, {"for=198.51.100.2"}, {}), "203.0.113.5");
  EXPECT_EQ(ResolveClientAddress("::ffff:203.0.113.5", {}, {}, {}), "203.0.113.5");
  // A peer outside the trusted list is the client, whatever it claims.
  EXPECT_EQ(ResolveClientAddress("203.0.113.5", {"198.51.100.1"}, {}, Nets({"127.0.0.1"})), "203.0.113.5");
}

// Behind the README's proxy every sign-in came from 127.0.0.1, so one person's failures got the
// next person's right password a 429 (issue 19, item 1).
TEST(ClientAddress, BehindATrustedProxyTheRightmostUntrustedAddressIsTheClient) {
  auto trusted = Nets({"127.0.0.1", "10.0.0.0/8"});
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {"198.51.100.7"}, {}, trusted), "198.51.100.7");
  // The client's own X-Forwarded-For entries are on the left: never believed.
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {"1.1.1.1, 2.2.2.2, 198.51.100.7"}, {}, trusted), "198.51.100.7");
  // Trusted hops on the right are skipped; several header lines are one list.
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {"6.6.6.6, 198.51.100.7", "10.1.2.3"}, {}, trusted), "198.51.100.7");
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {"198.51.100.7:4711"}, {}, trusted), "198.51.100.7");
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {"[2001:db8::7]:4711"}, {}, trusted), "2001:db8::7");
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {"2001:DB8::7"}, {}, trusted), "2001:db8::7");
}

TEST(ClientAddress, ForwardedIsReadWhenNoXForwardedForWasSent) {
  auto trusted = Nets({"127.0.0.1"});
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {}, {R"(for=192.0.2.60;proto=http;by=203.0.113.43)"}, trusted),
            "192.0.2.60");
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {}, {R"(for=6.6.6.6, For="[2001:db8:cafe::17]:4711")"}, trusted),
            "2001:db8:cafe::17");
  // With both, X-Forwarded-For (what the common proxies write) decides.
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {"198.51.100.7"}, {"for=6.6.6.6"}, trusted), "198.51.100.7");
}

TEST(ClientAddress, AnEntryThatIsNoAddressLeavesTheHopThatReportedIt) {
  auto trusted = Nets({"127.0.0.1", "10.0.0.0/8"});
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {}, {"for=unknown"}, trusted), "127.0.0.1");
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {"6.6.6.6, garbage, 10.0.0.2"}, {}, trusted), "10.0.0.2");
  // Only trusted hops: the left-most one.
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {"10.0.0.9, 10.0.0.2"}, {}, trusted), "10.0.0.9");
  EXPECT_EQ(ResolveClientAddress("127.0.0.1", {}, {}, trusted), "127.0.0.1");
}

TEST(ClientAddress, CountersKeyIpv6ByItsSlash64) {
  EXPECT_EQ(ClientCounterKey("198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(ClientCounterKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientCounterKey("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientCounterKey("not-an-address"), "not-an-address");
}
