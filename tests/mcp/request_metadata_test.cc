#include "mcp/request_metadata.h"

#include "testing.h"

using namespace mail_mcp;

namespace {

JsonRpcMessage Parse(const std::string& body) {
  JsonRpcParseResult r = ParseJsonRpcMessage(body);
  if (!r.ok()) ::testing::Fail(__FILE__, __LINE__, "bad message: " + body);
  return r.message;
}

const char* kStatelessToolsList =
    R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{
        "io.modelcontextprotocol/protocolVersion":"2026-07-28",
        "io.modelcontextprotocol/clientCapabilities":{}}}})";

}  // namespace

TEST(RequestMetadata, AMessageWithNothingToSayIsServedUnder20250326) {
  RequestRevisionResult r = ReadRequestRevision(Parse(R"({"jsonrpc":"2.0","id":1,"method":"ping"})"), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.revision.version, "2025-03-26");
  EXPECT_FALSE(r.revision.stateless);
}

TEST(RequestMetadata, ALegacyRevisionComesFromTheHeader) {
  McpRequestHeaders h;
  h.protocol_version = "2025-11-25";
  RequestRevisionResult r = ReadRequestRevision(Parse(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})"), h);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.revision.version, "2025-11-25");
  EXPECT_FALSE(r.revision.stateless);
}

TEST(RequestMetadata, TheStatelessRevisionComesFromMetaAndHeaders) {
  McpRequestHeaders h{"2026-07-28", "tools/list", std::nullopt};
  RequestRevisionResult r = ReadRequestRevision(Parse(kStatelessToolsList), h);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.revision.version, "2026-07-28");
  EXPECT_TRUE(r.revision.stateless);
}

TEST(RequestMetadata, NotificationsNeedNoMirroredHeaders) {
  McpRequestHeaders h;
  h.protocol_version = "2026-07-28";
  EXPECT_TRUE(ReadRequestRevision(Parse(R"({"jsonrpc":"2.0","method":"notifications/cancelled"})"), h).ok());
  h.protocol_version = "1999-01-01";
  RequestRevisionResult r = ReadRequestRevision(Parse(R"({"jsonrpc":"2.0","method":"notifications/cancelled"})"), h);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code, -32022);
}

TEST(RequestMetadata, MirroredValuesLoseSurroundingWhitespace) {
  EXPECT_EQ(DecodeMirroredHeaderValue("  list_mailboxes\t").value_or("?"), "list_mailboxes");
  EXPECT_EQ(DecodeMirroredHeaderValue("a b").value_or("?"), "a b");
}

TEST(RequestMetadata, MirroredValuesDecodeTheBase64Sentinel) {
  // The example from MCP 2026-07-28 streamable-http, "Value Encoding".
  EXPECT_EQ(DecodeMirroredHeaderValue("=?base64?SGVsbG8sIOS4lueVjA==?=").value_or("?"),
            "Hello, \xe4\xb8\x96\xe7\x95\x8c");
  EXPECT_EQ(DecodeMirroredHeaderValue("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=").value_or("?"), "=?base64?literal?=");
  EXPECT_EQ(DecodeMirroredHeaderValue("=?base64?"
                                      "?=")
                .value_or("?"),
            "");
}

TEST(RequestMetadata, AnInvalidBase64SentinelIsRefused) {
  EXPECT_FALSE(DecodeMirroredHeaderValue("=?base64?not base64!?=").has_value());
  EXPECT_FALSE(DecodeMirroredHeaderValue("=?base64?SGVsbG8?=").has_value());  // missing padding
}

TEST(RequestMetadata, TextThatOnlyLooksLikeTheSentinelIsLiteral) {
  EXPECT_EQ(DecodeMirroredHeaderValue("=?base64?=").value_or("?"), "=?base64?=");
  EXPECT_EQ(DecodeMirroredHeaderValue("=?BASE64?SGk=?=").value_or("?"), "=?BASE64?SGk=?=");
}
