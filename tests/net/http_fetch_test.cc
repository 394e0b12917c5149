#include "net/http_fetch.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

StatusOr<HttpFetchReply> Fetch(HttpFetchRequest r) { return HttpFetch(r, HttpFetchOptions{}, "OAuth"); }

}  // namespace

TEST(HttpFetch, PlainHttpOnlyToLoopbackAndOnlyHttpSchemes) {
  EXPECT_CONTAINS(Fetch({"GET", "http://accounts.example.com/token", {}, ""}).status().message(), "must use https");
  EXPECT_CONTAINS(Fetch({"GET", "ftp://example.com/x", {}, ""}).status().message(), "not an absolute http(s) URL");
  EXPECT_CONTAINS(Fetch({"GET", "https://user@example.com/x", {}, ""}).status().message(),
                  "not an absolute http(s) URL");
  EXPECT_CONTAINS(Fetch({"DELETE", "https://example.com/x", {}, ""}).status().message(), "unsupported HTTP method");
}

TEST(HttpFetch, AHeaderWithALineBreakIsRefusedBeforeConnecting) {
  HttpFetchRequest r{"GET", "https://example.com/x", {"Authorization: Bearer a\r\nX-Injected: 1"}, ""};
  EXPECT_EQ(Fetch(r).status().code(), Status::Code::kInvalidArgument);
}

TEST(HttpFetch, NothingListeningIsUnavailableAndNamesTheHost) {
  // Port 9 on loopback: nothing listens there in the tests' network.
  auto r = Fetch({"GET", "http://127.0.0.1:9/.well-known/openid-configuration", {}, ""});
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
  EXPECT_CONTAINS(r.status().message(), "127.0.0.1:9");
}
