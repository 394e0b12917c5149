#include "http/request_framing.h"

#include <string>

#include "testing.h"

using namespace mail_mcp;

namespace {

RequestHead Complete(const std::string& bytes) {
  HeadScan s = ScanHead(bytes);
  if (s.outcome != HeadScan::Outcome::kComplete) ::testing::Fail(__FILE__, __LINE__, "head not complete: " + bytes);
  return s.head;
}

const char* BadReason(const std::string& bytes) {
  HeadScan s = ScanHead(bytes);
  return s.outcome == HeadScan::Outcome::kBad ? s.why : "";
}

}  // namespace

TEST(RequestFraming, AHeadIsCompleteAtItsEmptyLine) {
  EXPECT_TRUE(ScanHead("GET /health HTTP/1.1\r\nHost: x\r\n").outcome == HeadScan::Outcome::kIncomplete);
  EXPECT_TRUE(ScanHead("GET /hea").outcome == HeadScan::Outcome::kIncomplete);
  EXPECT_TRUE(ScanHead("").outcome == HeadScan::Outcome::kIncomplete);
  RequestHead h = Complete("GET /health?x=1 HTTP/1.1\r\nHost: x\r\n\r\nNEXT");
  EXPECT_EQ(h.method, "GET");
  EXPECT_EQ(h.path, "/health");
  EXPECT_EQ(h.head_bytes, 37u);
  EXPECT_TRUE(h.body == RequestHead::Body::kNone);
  EXPECT_FALSE(h.close);
  // Stray blank lines before a request are part of its head; a bare LF ends lines too.
  EXPECT_EQ(Complete("\r\nGET / HTTP/1.1\n\n").head_bytes, 18u);
}

// A POST with neither Content-Length nor chunked held a worker for 30 s (issue 19, item 9): it has
// no body (RFC 9112 §6.3), so the request ends with its head.
TEST(RequestFraming, APostWithoutLengthOrChunkedHasNoBody) {
  std::string bytes = "POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n";
  RequestHead h = Complete(bytes);
  EXPECT_TRUE(h.body == RequestHead::Body::kNone);
  EXPECT_EQ(RequestEnd(bytes, h).value_or(0), bytes.size());
}

TEST(RequestFraming, ContentLengthBodiesEndAfterTheirLength) {
  std::string head = "POST /mcp HTTP/1.1\r\ncontent-length: 5\r\n\r\n";
  RequestHead h = Complete(head);
  EXPECT_TRUE(h.body == RequestHead::Body::kLength);
  EXPECT_EQ(h.content_length, 5u);
  EXPECT_FALSE(RequestEnd(head + "abc", h).has_value());
  EXPECT_EQ(RequestEnd(head + "abcdeGET", h).value_or(0), head.size() + 5);
  EXPECT_TRUE(Complete("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").body == RequestHead::Body::kNone);
}

TEST(RequestFraming, ChunkedBodiesEndAfterTheLastChunkAndTrailers) {
  std::string head = "POST /mcp HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n";
  RequestHead h = Complete(head);
  ASSERT_TRUE(h.body == RequestHead::Body::kChunked);
  std::string body = "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n";
  for (size_t cut = 0; cut < body.size(); ++cut) EXPECT_FALSE(RequestEnd(head + body.substr(0, cut), h).has_value());
  EXPECT_EQ(RequestEnd(head + body + "GET / HTTP/1.1", h).value_or(0), head.size() + body.size());
  EXPECT_EQ(RequestEnd(head + "zz\r\n", h).value_or(1), 0u);
  EXPECT_EQ(RequestEnd(head + "3\r\nabcX\r\n", h).value_or(1), 0u);
}

// Framing a proxy in front could read another way is refused (request smuggling).
TEST(RequestFraming, AmbiguousFramingIsRefused) {
  EXPECT_CONTAINS(BadReason("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"), "both");
  EXPECT_CONTAINS(BadReason("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"), "conflicting");
  EXPECT_CONTAINS(BadReason("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n"), "invalid");
  EXPECT_CONTAINS(BadReason("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n"), "invalid");
  EXPECT_CONTAINS(BadReason("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"), "Transfer-Encoding");
  EXPECT_CONTAINS(BadReason("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"),
                  "Transfer-Encoding");
  EXPECT_CONTAINS(BadReason("NONSENSE\r\n\r\n"), "request line");
  // The same length twice is one length.
  EXPECT_EQ(Complete("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n").content_length, 5u);
}

TEST(RequestFraming, ExpectAndConnectionAreNoted) {
  EXPECT_TRUE(Complete("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n").expect_continue);
  EXPECT_TRUE(Complete("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").close);
  EXPECT_TRUE(Complete("GET / HTTP/1.0\r\n\r\n").close);
  EXPECT_FALSE(Complete("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").close);
}
