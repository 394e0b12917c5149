#include "mcp/json_rpc.h"

#include "testing.h"

using namespace mail_mcp;
using picojson::object;
using picojson::value;

namespace {

std::string Nested(int depth, char open, char close) { return std::string(depth, open) + std::string(depth, close); }

value ParseJson(const std::string& text) {
  value v;
  std::string err = picojson::parse(v, text);
  if (!err.empty()) ::testing::Fail(__FILE__, __LINE__, "bad JSON: " + text);
  return v;
}

}  // namespace

TEST(JsonRpc, ClassifiesARequestWithIntegerId) {
  auto r = ParseJsonRpcMessage(R"({"jsonrpc":"2.0","id":7,"method":"ping"})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.message.kind == JsonRpcMessage::Kind::kRequest);
  ASSERT_TRUE(r.message.id.is<int64_t>());
  EXPECT_EQ(r.message.id.get<int64_t>(), 7);
  EXPECT_EQ(r.message.method, "ping");
  EXPECT_FALSE(r.message.has_params);
}

TEST(JsonRpc, ClassifiesARequestWithStringIdAndParams) {
  auto r = ParseJsonRpcMessage(R"({"jsonrpc":"2.0","id":"a-1","method":"tools/list","params":{}})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.message.kind == JsonRpcMessage::Kind::kRequest);
  EXPECT_EQ(r.message.id.get<std::string>(), "a-1");
  EXPECT_TRUE(r.message.has_params);
  EXPECT_TRUE(r.message.params.is<object>());
}

TEST(JsonRpc, ClassifiesANotification) {
  auto r = ParseJsonRpcMessage(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.message.kind == JsonRpcMessage::Kind::kNotification);
  EXPECT_TRUE(r.message.id.is<picojson::null>());
}

TEST(JsonRpc, ClassifiesResultAndErrorResponses) {
  auto a = ParseJsonRpcMessage(R"({"jsonrpc":"2.0","id":1,"result":{}})");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a.message.kind == JsonRpcMessage::Kind::kResponse);
  auto b = ParseJsonRpcMessage(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}})");
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b.message.kind == JsonRpcMessage::Kind::kResponse);
}

TEST(JsonRpc, RejectsMalformedJsonAsParseErrorWithNullId) {
  for (const char* body : {"", "{", "{\"jsonrpc\":\"2.0\",}", "nul", "{} {}", "{\"a\":1e999}"}) {
    auto r = ParseJsonRpcMessage(body);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->code, kJsonRpcParseError);
    EXPECT_TRUE(r.error->id.is<picojson::null>());
  }
}

TEST(JsonRpc, ParseErrorMessageDoesNotEchoTheInput) {
  auto r = ParseJsonRpcMessage("{\"jsonrpc\": SECRET-PASSWORD}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->message.find("SECRET"), std::string::npos);
}

TEST(JsonRpc, AcceptsTrailingWhitespace) {
  EXPECT_TRUE(ParseJsonRpcMessage("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r\n ").ok());
}

TEST(JsonRpc, RejectsBatches) {
  auto r = ParseJsonRpcMessage(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code, kJsonRpcInvalidRequest);
  EXPECT_CONTAINS(r.error->message, "batch requests are not supported");
}

TEST(JsonRpc, AcceptsNestingUpToTheLimitAndRejectsDeeper) {
  std::string ok = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":)" +
                   Nested(kMaxJsonRpcNestingDepth - 2, '[', ']') + "}}";
  EXPECT_TRUE(ParseJsonRpcMessage(ok).ok());
  std::string deep = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":)" +
                     Nested(kMaxJsonRpcNestingDepth - 1, '[', ']') + "}}";
  auto r = ParseJsonRpcMessage(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code, kJsonRpcParseError);
  EXPECT_CONTAINS(r.error->message, "nested deeper");
}

TEST(JsonRpc, RejectsDeeplyNestedObjectsWithoutRecursingIntoThem) {
  // picojson bounds arrays but not objects; 200k levels would overflow its recursion.
  std::string body;
  for (int i = 0; i < 200000; ++i) body += "{\"a\":";
  body += "1" + std::string(200000, '}');
  auto r = ParseJsonRpcMessage(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code, kJsonRpcParseError);
}

TEST(JsonRpc, BracketsInsideStringsDoNotCountAsNesting) {
  std::string text = std::string(100, '[') + "\\\"" + std::string(100, '{');
  std::string body = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"s":")" + text + "\"}}";
  EXPECT_TRUE(ParseJsonRpcMessage(body).ok());
}

TEST(JsonRpc, RejectsRequestIdsThatAreNotStringsOrIntegers) {
  for (const char* id : {"null", "1.5", "true", "{}", "[]", "1e300"}) {
    auto r = ParseJsonRpcMessage(std::string(R"({"jsonrpc":"2.0","method":"ping","id":)") + id + "}");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->code, kJsonRpcInvalidRequest);
    EXPECT_TRUE(r.error->id.is<picojson::null>());
  }
}

TEST(JsonRpc, AcceptsNegativeAndLargeIntegerIds) {
  auto r = ParseJsonRpcMessage(R"({"jsonrpc":"2.0","method":"ping","id":-9007199254740993})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.message.id.get<int64_t>(), -9007199254740993LL);
  EXPECT_EQ(JsonRpcResultBody(r.message.id, value(object())),
            R"({"id":-9007199254740993,"jsonrpc":"2.0","result":{}})");
}

TEST(JsonRpc, RejectsWrongOrMissingJsonRpcVersionEchoingAValidId) {
  auto r = ParseJsonRpcMessage(R"({"jsonrpc":"1.0","id":"x","method":"ping"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->code, kJsonRpcInvalidRequest);
  EXPECT_EQ(r.error->id.get<std::string>(), "x");
  EXPECT_FALSE(ParseJsonRpcMessage(R"({"id":1,"method":"ping"})").ok());
}

TEST(JsonRpc, RejectsNonObjectsAndMessagesOfNoKind) {
  for (const char* body : {"42", "\"ping\"", "null", R"({"jsonrpc":"2.0","id":1})",
                           R"({"jsonrpc":"2.0","method":5,"id":1})", R"({"jsonrpc":"2.0","result":{}})"}) {
    auto r = ParseJsonRpcMessage(body);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error->code, kJsonRpcInvalidRequest);
  }
}

TEST(JsonRpc, KeepsNonObjectParamsForTheCallerToJudge) {
  auto r = ParseJsonRpcMessage(R"({"jsonrpc":"2.0","id":1,"method":"ping","params":[1]})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.message.has_params);
  EXPECT_TRUE(r.message.params.is<picojson::array>());
}

TEST(JsonRpc, BuildsErrorBodiesWithCodeMessageAndOptionalData) {
  value body = ParseJson(JsonRpcErrorBody(value(int64_t{3}), kJsonRpcMethodNotFound, "nope"));
  EXPECT_EQ(body.get("jsonrpc").get<std::string>(), "2.0");
  EXPECT_EQ(body.get("id").get<int64_t>(), 3);
  EXPECT_EQ(body.get("error").get("code").get<int64_t>(), -32601);
  EXPECT_EQ(body.get("error").get("message").get<std::string>(), "nope");
  EXPECT_FALSE(body.get("error").contains("data"));

  value with_data = ParseJson(JsonRpcErrorBody(value(), kJsonRpcParseError, "bad", value("x")));
  EXPECT_TRUE(with_data.get("id").is<picojson::null>());
  EXPECT_EQ(with_data.get("error").get("data").get<std::string>(), "x");
}

TEST(JsonRpc, ResultBodyFromSerializedIsByteIdentical) {
  picojson::value result;
  ASSERT_TRUE(picojson::parse(result, R"({"tools":[{"name":"a","x":[1,2.5,"é\n"]}],"ttlMs":3600000})").empty());
  for (const picojson::value& id : {picojson::value(int64_t(7)), picojson::value(int64_t(-9007199254740993)),
                                    picojson::value("req-\"1\"\\\u00e9"), picojson::value()}) {
    EXPECT_EQ(JsonRpcResultBodyFromSerialized(id, result.serialize()), JsonRpcResultBody(id, result));
  }
}
