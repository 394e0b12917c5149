#include "mcp/mcp_handler.h"

#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

#include "mcp/schema_validator.h"
#include "testing.h"

using namespace mail_mcp;
using picojson::array;
using picojson::object;
using picojson::value;

namespace {

value Json(const std::string& text) {
  value v;
  std::string err = picojson::parse(v, text);
  if (!err.empty()) ::testing::Fail(__FILE__, __LINE__, "bad JSON: " + text);
  return v;
}

/// Counts tool runs, so tests can prove a refused call ran nothing.
std::atomic<int> g_runs{0};

/// What the layer above would put in the opaque context; the handler must pass it through untouched.
struct CallerContext : ToolContext {
  std::string who;
};

/// Repeats `text`; "fail" makes it report a tool error, "throw" makes it throw, "bad" makes it
/// return a non-object. Reports whose mailbox it ran for. Needs scope echo:read, and echo:many as
/// well for more than three repetitions.
class EchoTool : public Tool {
 public:
  std::string name() const override { return "echo"; }
  std::string title() const override { return "Echo"; }
  std::string description() const override { return "Repeats text."; }
  value input_schema() const override {
    return Json(R"({"type":"object","properties":{
        "text":{"type":"string","minLength":1,"maxLength":20},
        "times":{"type":"integer","minimum":1,"maximum":5}},
      "required":["text"],"additionalProperties":false})");
  }
  value output_schema() const override {
    return Json(R"({"type":"object","properties":{"text":{"type":"string"},
      "who":{"type":"string"}},"required":["text","who"]})");
  }
  ToolAnnotations annotations() const override {
    return ToolAnnotations{.read_only = true, .destructive = false, .idempotent = true, .open_world = false};
  }
  std::string required_scope() const override { return "echo:read"; }
  ScopeSet ExtraScopesFor(const object& args) const override {
    if (args.count("times") && args.at("times").get<int64_t>() > 3) return ScopeSet{"echo:many"};
    return {};
  }
  ToolResult Call(const object& args, const ToolContext& ctx) const override {
    ++g_runs;
    std::string text = args.at("text").get<std::string>();
    if (text == "fail") return ToolResult::Error("mailbox unavailable");
    if (text == "throw") throw std::runtime_error("password=hunter2 at imap.example.com");
    if (text == "bad") return ToolResult::Ok(value("not an object"));
    int64_t times = args.count("times") ? args.at("times").get<int64_t>() : 1;
    std::string out;
    for (int64_t i = 0; i < times; ++i) out += text;
    object o;
    o["text"] = value(out);
    const auto* caller = dynamic_cast<const CallerContext*>(&ctx);
    o["who"] = value(caller ? caller->who : "");
    return ToolResult::Ok(value(o));
  }
};

class NoArgsTool : public Tool {
 public:
  std::string name() const override { return "list_folders"; }
  std::string title() const override { return "List folders"; }
  std::string description() const override { return "Lists folders."; }
  value input_schema() const override { return Json(R"({"type":"object","additionalProperties":false})"); }
  value output_schema() const override {
    return Json(R"({"type":"object","properties":{"folders":{"type":"array","items":{"type":"string"}}}})");
  }
  ToolAnnotations annotations() const override {
    return ToolAnnotations{.read_only = false, .destructive = true, .idempotent = false, .open_world = true};
  }
  std::string required_scope() const override { return "folders:write"; }
  ToolResult Call(const object&, const ToolContext&) const override {
    ++g_runs;
    return ToolResult::Ok(Json(R"({"folders":["INBOX"]})"));
  }
};

struct Fixture {
  Fixture() {
    registry.Add(std::make_unique<EchoTool>());
    registry.Add(std::make_unique<NoArgsTool>());
    ctx.who = "ada@example.com";
  }
  McpReply Send(const std::string& body) const { return handler.Handle(body, {}, granted, ctx); }
  /// Sends a request and returns the parsed response body.
  value Call(const std::string& method, const std::string& params = "", const char* id = "1") const {
    std::string body = std::string(R"({"jsonrpc":"2.0","id":)") + id + R"(,"method":")" + method + "\"" +
                       (params.empty() ? "" : ",\"params\":" + params) + "}";
    McpReply r = Send(body);
    if (r.http_status != 200) ::testing::Fail(__FILE__, __LINE__, "HTTP " + std::to_string(r.http_status));
    return Json(r.body);
  }
  value CallTool(const std::string& name, const std::string& arguments) const {
    return Call("tools/call", R"({"name":")" + name + "\",\"arguments\":" + arguments + "}");
  }
  /// Sends a 2026-07-28 request: `members` (object members without braces, may be empty) plus the
  /// required _meta, with the headers a conforming client sends unless `headers` says otherwise.
  McpReply SendStateless(const std::string& method, const std::string& members = "",
                         std::optional<McpRequestHeaders> headers = std::nullopt, const char* id = "7") const {
    std::string params = std::string(R"({"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",)") +
                         R"("io.modelcontextprotocol/clientCapabilities":{}})" +
                         (members.empty() ? "" : "," + members) + "}";
    return SendRaw(method, params, headers ? *headers : McpRequestHeaders{"2026-07-28", method, std::nullopt}, id);
  }
  McpReply SendRaw(const std::string& method, const std::string& params, const McpRequestHeaders& headers,
                   const char* id = "7") const {
    std::string body =
        std::string(R"({"jsonrpc":"2.0","id":)") + id + R"(,"method":")" + method + "\",\"params\":" + params + "}";
    return handler.Handle(body, headers, granted, ctx);
  }

  ToolRegistry registry;
  CallerContext ctx;
  ScopeSet granted{"echo:read", "echo:many", "folders:write"};  // everything the tools need
  McpHandler handler{registry, ServerInfo{"mail_mcp", "1.2.3", "Use these tools for mail.", "Mail"}};
};

int64_t ErrorCode(const value& response) {
  if (!response.is<object>() || !response.contains("error")) return 0;
  return response.get("error").get("code").get<int64_t>();
}
std::string ErrorMessage(const value& response) {
  return ErrorCode(response) ? response.get("error").get("message").get<std::string>() : "";
}

}  // namespace

TEST(McpHandler, InitializeEchoesASupportedProtocolVersion) {
  Fixture f;
  for (const char* version : {"2025-11-25", "2025-06-18", "2025-03-26"}) {
    value r = f.Call("initialize", std::string(R"({"protocolVersion":")") + version +
                                       R"(","capabilities":{},"clientInfo":{"name":"t","version":"1"}})");
    EXPECT_EQ(r.get("jsonrpc").get<std::string>(), "2.0");
    EXPECT_EQ(r.get("id").get<int64_t>(), 1);
    EXPECT_EQ(r.get("result").get("protocolVersion").get<std::string>(), version);
  }
}

TEST(McpHandler, InitializeOffersTheLatestVersionForAnUnsupportedOne) {
  Fixture f;
  value r = f.Call("initialize", R"({"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{}})");
  EXPECT_EQ(r.get("result").get("protocolVersion").get<std::string>(), "2025-11-25");
}

TEST(McpHandler, InitializeNeverOffersTheStatelessRevision) {
  Fixture f;
  value r = f.Call("initialize", R"({"protocolVersion":"2026-07-28","capabilities":{},"clientInfo":{}})");
  EXPECT_EQ(r.get("result").get("protocolVersion").get<std::string>(), "2025-11-25");
  EXPECT_FALSE(r.get("result").contains("resultType"));
}

TEST(McpHandler, InitializeDescribesTheServerAndItsToolsCapability) {
  Fixture f;
  value result = f.Call("initialize", R"({"protocolVersion":"2025-11-25"})").get("result");
  EXPECT_EQ(result.get("capabilities").serialize(), R"({"tools":{"listChanged":false}})");
  EXPECT_EQ(result.get("serverInfo").serialize(), R"({"name":"mail_mcp","title":"Mail","version":"1.2.3"})");
  EXPECT_EQ(result.get("instructions").get<std::string>(), "Use these tools for mail.");
}

TEST(McpHandler, InitializeWithoutAProtocolVersionIsInvalidParams) {
  Fixture f;
  EXPECT_EQ(ErrorCode(f.Call("initialize", "{}")), -32602);
  EXPECT_EQ(ErrorCode(f.Call("initialize")), -32602);
}

TEST(McpHandler, NotificationsGet202WithAnEmptyBody) {
  Fixture f;
  for (const char* body : {R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
                           R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}})",
                           R"({"jsonrpc":"2.0","method":"notifications/whatever"})"}) {
    McpReply r = f.Send(body);
    EXPECT_EQ(r.http_status, 202);
    EXPECT_EQ(r.body, "");
  }
}

TEST(McpHandler, ANotificationWithNonObjectParamsIsRefusedWithoutAnId) {
  Fixture f;
  McpReply r = f.Send(R"({"jsonrpc":"2.0","method":"notifications/initialized","params":[1]})");
  EXPECT_EQ(r.http_status, 400);
  value body = Json(r.body);
  EXPECT_EQ(ErrorCode(body), -32602);
  EXPECT_TRUE(body.get("id").is<picojson::null>());
}

TEST(McpHandler, ResponsesFromTheClientGet202) {
  Fixture f;
  McpReply r = f.Send(R"({"jsonrpc":"2.0","id":"s1","result":{}})");
  EXPECT_EQ(r.http_status, 202);
  EXPECT_EQ(r.body, "");
}

TEST(McpHandler, PingAnswersAnEmptyObject) {
  Fixture f;
  EXPECT_EQ(f.Send(R"({"jsonrpc":"2.0","id":"p","method":"ping"})").body, R"({"id":"p","jsonrpc":"2.0","result":{}})");
}

TEST(McpHandler, ToolsListDescribesToolsInRegistrationOrder) {
  Fixture f;
  value response = f.Call("tools/list");
  const array& tools = response.get("result").get("tools").get<array>();
  ASSERT_EQ(tools.size(), 2u);
  EXPECT_EQ(tools[0].get("name").get<std::string>(), "echo");
  EXPECT_EQ(tools[1].get("name").get<std::string>(), "list_folders");
  const value& echo = tools[0];
  EXPECT_EQ(echo.get("title").get<std::string>(), "Echo");
  EXPECT_EQ(echo.get("description").get<std::string>(), "Repeats text.");
  EXPECT_EQ(echo.get("inputSchema").serialize(), EchoTool().input_schema().serialize());
  EXPECT_EQ(echo.get("outputSchema").serialize(), EchoTool().output_schema().serialize());
  EXPECT_EQ(echo.get("annotations").serialize(),
            R"({"destructiveHint":false,"idempotentHint":true,"openWorldHint":false,)"
            R"("readOnlyHint":true,"title":"Echo"})");
  EXPECT_EQ(tools[1].get("annotations").get("destructiveHint").get<bool>(), true);
}

TEST(McpHandler, ToolsListKeepsRegistrationOrderEvenWhenUnsorted) {
  ToolRegistry registry;
  registry.Add(std::make_unique<NoArgsTool>());
  registry.Add(std::make_unique<EchoTool>());
  McpHandler handler(registry, ServerInfo{"n", "v", "", ""});
  value r = Json(handler
                     .Handle(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})", {},
                             ScopeSet{"echo:read", "folders:write"}, ToolContext{})
                     .body);
  EXPECT_EQ(r.get("result").get("tools").get(0).get("name").get<std::string>(), "list_folders");
}

std::vector<std::string> ListedNames(const McpReply& reply) {
  std::vector<std::string> names;
  const value body = Json(reply.body);
  for (const value& t : body.get("result").get("tools").get<array>()) names.push_back(t.get("name").get<std::string>());
  return names;
}

TEST(McpHandler, ToolsListShowsOnlyTheToolsTheGrantAllowsInBothEras) {
  Fixture f;
  f.granted = ScopeSet{"echo:read"};
  EXPECT_TRUE(ListedNames(f.Send(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})")) ==
              std::vector<std::string>{"echo"});
  EXPECT_TRUE(ListedNames(f.SendStateless("tools/list")) == std::vector<std::string>{"echo"});
  f.granted = ScopeSet{"folders:write", "unrelated:scope"};
  EXPECT_TRUE(ListedNames(f.SendStateless("tools/list")) == std::vector<std::string>{"list_folders"});
  f.granted = ScopeSet{};
  EXPECT_TRUE(ListedNames(f.SendStateless("tools/list")).empty());
}

TEST(McpHandler, ToolsListPerGrantIsStableWhileGrantsInterleaveAcrossThreads) {
  Fixture f;
  const ScopeSet grants[] = {ScopeSet{"echo:read"}, ScopeSet{"folders:write"}, f.granted, ScopeSet{}};
  std::string expected[4];
  for (int g = 0; g < 4; ++g) {
    Fixture one;
    one.granted = grants[g];
    expected[g] = one.SendStateless("tools/list").body;
  }
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        int g = (t + i) % 4;
        McpReply r = f.handler.Handle(
            R"({"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})",
            McpRequestHeaders{"2026-07-28", "tools/list", std::nullopt}, grants[g], f.ctx);
        if (r.body != expected[g]) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(McpHandler, ToolsListRepliesAreTheBytesTheJsonLibraryWouldWriteForEveryGrantAndEra) {
  // The cached result (full set built up front, narrower grants on first use) with the request's id
  // spliced around it must be what serializing the reply afresh gives.
  Fixture f;
  for (const ScopeSet& grant : {f.granted, ScopeSet{"echo:read"}, ScopeSet{}}) {
    f.granted = grant;
    for (const char* id : {"1", R"("x\"y")", R"("\u00e9\u0001")"}) {
      for (bool stateless : {false, true}) {
        McpReply r = stateless ? f.SendStateless("tools/list", "", std::nullopt, id)
                               : f.Send(std::string(R"({"jsonrpc":"2.0","id":)") + id + R"(,"method":"tools/list"})");
        ASSERT_EQ(r.http_status, 200);
        EXPECT_EQ(Json(r.body).serialize(), r.body);
        EXPECT_EQ(Json(r.body).get("id").serialize(), Json(std::string("[") + id + "]").get<array>()[0].serialize());
      }
    }
  }
}

TEST(McpHandler, ToolsCallOutsideTheGrantIs403WithTheScopesToAskForAndRunsNothing) {
  Fixture f;
  f.granted = ScopeSet{"echo:read"};
  int runs = g_runs;
  McpReply r = f.Send(R"({"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"list_folders"}})");
  EXPECT_EQ(r.http_status, 403);
  // What a new authorization should ask for: what the caller holds plus what the tool needs.
  EXPECT_EQ(r.step_up_scope.ToString(), "echo:read folders:write");
  value body = Json(r.body);
  EXPECT_EQ(body.get("id").get<int64_t>(), 5);
  EXPECT_EQ(ErrorCode(body), -32000);
  EXPECT_CONTAINS(ErrorMessage(body), "list_folders needs folders:write");
  EXPECT_EQ(g_runs.load(), runs);

  f.granted = ScopeSet{};
  r = f.SendStateless("tools/call", R"("name":"echo","arguments":{"text":"hi"})",
                      McpRequestHeaders{"2026-07-28", "tools/call", "echo"});
  EXPECT_EQ(r.http_status, 403);
  EXPECT_EQ(r.step_up_scope.ToString(), "echo:read");
  EXPECT_CONTAINS(ErrorMessage(Json(r.body)), "grants nothing");
  EXPECT_EQ(g_runs.load(), runs);
}

TEST(McpHandler, TheScopeCheckComesBeforeTheArgumentsAreLookedAt) {
  Fixture f;
  f.granted = ScopeSet{"folders:write"};
  McpReply r = f.Send(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"x":1}}})");
  EXPECT_EQ(r.http_status, 403);
  EXPECT_EQ(r.step_up_scope.ToString(), "echo:read folders:write");
}

TEST(McpHandler, ArgumentsThatNeedAnotherScopeAreRefusedBeforeTheToolRuns) {
  Fixture f;
  f.granted = ScopeSet{"echo:read"};
  int runs = g_runs;
  McpReply r = f.Send(
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"a","times":5}}})");
  EXPECT_EQ(r.http_status, 403);
  EXPECT_EQ(r.step_up_scope.ToString(), "echo:many echo:read");
  EXPECT_EQ(g_runs.load(), runs);
  EXPECT_EQ(f.CallTool("echo", R"({"text":"a","times":3})").get("result").get("structuredContent").get("text").to_str(),
            "aaa");
}

TEST(McpHandler, AReplyWithinTheGrantAsksForNoStepUp) {
  Fixture f;
  McpReply r = f.Send(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"nope"}})");
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(ErrorCode(Json(r.body)), -32602);  // an unknown tool is not a scope problem
  EXPECT_TRUE(r.step_up_scope.empty());
  EXPECT_TRUE(f.Send(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})").step_up_scope.empty());
}

TEST(McpHandler, ToolsListRejectsACursorItNeverIssued) {
  Fixture f;
  EXPECT_EQ(ErrorCode(f.Call("tools/list", R"({"cursor":"abc"})")), -32602);
  EXPECT_EQ(ErrorCode(f.Call("tools/list", "{}")), 0);
}

TEST(McpHandler, ToolsCallReturnsStructuredContentAndTheSameJsonAsText) {
  Fixture f;
  value result = f.CallTool("echo", R"({"text":"ab","times":2})").get("result");
  EXPECT_EQ(result.get("isError").get<bool>(), false);
  const value& structured = result.get("structuredContent");
  EXPECT_EQ(structured.get("text").get<std::string>(), "abab");
  EXPECT_EQ(structured.get("who").get<std::string>(), "ada@example.com");
  const array& content = result.get("content").get<array>();
  ASSERT_EQ(content.size(), 1u);
  EXPECT_EQ(content[0].get("type").get<std::string>(), "text");
  EXPECT_EQ(content[0].get("text").get<std::string>(), structured.serialize());
  EXPECT_OK(ValidateJson(EchoTool().output_schema(), structured, "structuredContent"));
}

TEST(McpHandler, ToolsCallRepliesAreTheBytesTheJsonLibraryWouldWrite) {
  // The structured result is serialized once and spliced in twice; an id that serializes like the
  // splice points must not confuse it.
  Fixture f;
  for (const char* id : {"1", R"("\u0001structured result as text")", R"("\u0001structured result")"}) {
    for (bool stateless : {false, true}) {
      std::string arguments = R"("arguments":{"text":"a/\"\\\u0001é","times":2})";
      McpReply r = stateless ? f.SendStateless("tools/call", R"("name":"echo",)" + arguments,
                                               McpRequestHeaders{"2026-07-28", "tools/call", "echo"}, id)
                             : f.Send(std::string(R"({"jsonrpc":"2.0","id":)") + id +
                                      R"(,"method":"tools/call","params":{"name":"echo",)" + arguments + "}}");
      ASSERT_EQ(r.http_status, 200);
      value reply = Json(r.body);
      EXPECT_EQ(reply.serialize(), r.body);  // what picojson writes, byte for byte
      const value& result = reply.get("result");
      const std::string once = "a/\"\\\x01\xc3\xa9";
      EXPECT_EQ(result.get("structuredContent").get("text").get<std::string>(), once + once);
      EXPECT_EQ(result.get("content").get<array>()[0].get("text").get<std::string>(),
                result.get("structuredContent").serialize());
      EXPECT_EQ(reply.get("id").serialize(), Json(std::string("[") + id + "]").get<array>()[0].serialize());
    }
  }
}

TEST(McpHandler, ToolsCallNormalizesIntegralFloatArguments) {
  Fixture f;
  value result = f.CallTool("echo", R"({"text":"a","times":3.0})").get("result");
  EXPECT_EQ(result.get("structuredContent").get("text").get<std::string>(), "aaa");
}

TEST(McpHandler, ToolsCallWithoutArgumentsPassesAnEmptyObject) {
  Fixture f;
  value a = f.Call("tools/call", R"({"name":"list_folders"})").get("result");
  EXPECT_EQ(a.get("structuredContent").serialize(), R"({"folders":["INBOX"]})");
  value b = f.Call("tools/call", R"({"name":"list_folders","arguments":null})").get("result");
  EXPECT_EQ(b.get("isError").get<bool>(), false);
}

TEST(McpHandler, AToolErrorIsAnIsErrorResultWithItsText) {
  Fixture f;
  value r = f.CallTool("echo", R"({"text":"fail"})");
  EXPECT_EQ(ErrorCode(r), 0);
  const value& result = r.get("result");
  EXPECT_EQ(result.get("isError").get<bool>(), true);
  EXPECT_EQ(result.get("content").get(0).get("text").get<std::string>(), "mailbox unavailable");
  EXPECT_FALSE(result.contains("structuredContent"));
}

TEST(McpHandler, AThrowingToolYieldsAnOpaqueInternalError) {
  Fixture f;
  value r = f.CallTool("echo", R"({"text":"throw"})");
  const value& result = r.get("result");
  EXPECT_EQ(result.get("isError").get<bool>(), true);
  EXPECT_EQ(result.get("content").get(0).get("text").get<std::string>(), "internal error");
  EXPECT_EQ(r.serialize().find("hunter2"), std::string::npos);
}

TEST(McpHandler, AToolReturningANonObjectYieldsAnInternalError) {
  Fixture f;
  value result = f.CallTool("echo", R"({"text":"bad"})").get("result");
  EXPECT_EQ(result.get("isError").get<bool>(), true);
  EXPECT_EQ(result.get("content").get(0).get("text").get<std::string>(), "internal error");
}

TEST(McpHandler, AnUnknownToolIsInvalidParams) {
  Fixture f;
  value r = f.CallTool("nope", "{}");
  EXPECT_EQ(ErrorCode(r), -32602);
  EXPECT_EQ(ErrorMessage(r), "Unknown tool: nope");
  EXPECT_EQ(r.get("id").get<int64_t>(), 1);
}

TEST(McpHandler, ToolsCallWithoutANameIsInvalidParams) {
  Fixture f;
  EXPECT_EQ(ErrorCode(f.Call("tools/call", R"({"arguments":{}})")), -32602);
  EXPECT_EQ(ErrorCode(f.Call("tools/call", R"({"name":5})")), -32602);
  EXPECT_EQ(ErrorCode(f.Call("tools/call")), -32602);
}

TEST(McpHandler, InvalidArgumentsAreInvalidParamsNamingTheArgument) {
  Fixture f;
  struct Case {
    const char* arguments;
    const char* message;
  };
  for (const Case& c : {
           Case{R"({"text":5})", "arguments.text: must be a string"},
           Case{R"({})", "arguments.text: is required"},
           Case{R"({"text":"a","loud":true})", "arguments.loud: unknown property; expected one of: text, times"},
           Case{R"({"text":"a","times":6})", "arguments.times: must be an integer >= 1 and <= 5"},
           Case{R"({"text":"a","times":0})", "arguments.times: must be an integer >= 1 and <= 5"},
           Case{R"({"text":""})", "arguments.text: must be between 1 and 20 characters long"},
           Case{R"("text")", "arguments: must be an object"},
           Case{R"([])", "arguments: must be an object"},
       }) {
    value r = f.CallTool("echo", c.arguments);
    EXPECT_EQ(ErrorCode(r), -32602);
    EXPECT_EQ(ErrorMessage(r), c.message);
  }
  EXPECT_EQ(ErrorMessage(f.CallTool("list_folders", R"({"x":1})")),
            "arguments.x: unknown property; none are accepted here");
}

TEST(McpHandler, AParseErrorIsHttp400WithNullId) {
  Fixture f;
  McpReply r = f.Send("{not json");
  EXPECT_EQ(r.http_status, 400);
  value body = Json(r.body);
  EXPECT_EQ(ErrorCode(body), -32700);
  EXPECT_TRUE(body.get("id").is<picojson::null>());
}

TEST(McpHandler, ABatchIsRejected) {
  Fixture f;
  McpReply r = f.Send(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])");
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(ErrorCode(Json(r.body)), -32600);
  EXPECT_EQ(ErrorMessage(Json(r.body)), "Invalid Request: batch requests are not supported");
}

TEST(McpHandler, DeepNestingIsRejected) {
  Fixture f;
  std::string args = std::string(100, '[') + std::string(100, ']');
  McpReply r =
      f.Send(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":)" + args + "}}");
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(ErrorCode(Json(r.body)), -32700);
}

TEST(McpHandler, EchoesStringAndIntegerIdsAndRejectsOthers) {
  Fixture f;
  EXPECT_EQ(f.Call("ping", "", "\"abc\"").get("id").get<std::string>(), "abc");
  EXPECT_EQ(f.Call("ping", "", "0").get("id").get<int64_t>(), 0);
  for (const char* id : {"null", "1.5", "false", "{}"}) {
    McpReply r = f.Send(std::string(R"({"jsonrpc":"2.0","method":"ping","id":)") + id + "}");
    EXPECT_EQ(r.http_status, 400);
    value body = Json(r.body);
    EXPECT_EQ(ErrorCode(body), -32600);
    EXPECT_TRUE(body.get("id").is<picojson::null>());
  }
}

TEST(McpHandler, AnUnknownMethodIsMethodNotFound) {
  Fixture f;
  for (const char* method : {"resources/list", "prompts/list", "logging/setLevel", ""}) {
    value r = f.Call(method);
    EXPECT_EQ(ErrorCode(r), -32601);
    EXPECT_EQ(r.get("id").get<int64_t>(), 1);
  }
}

TEST(McpHandler, ParamsThatAreNotAnObjectAreInvalidParams) {
  Fixture f;
  for (const char* params : {"[]", "1", "\"x\"", "null"}) {
    EXPECT_EQ(ErrorCode(f.Call("ping", params)), -32602);
    EXPECT_EQ(ErrorCode(f.Call("tools/list", params)), -32602);
  }
}

// MCP 2026-07-28: the stateless revision, selected per request by _meta and headers.

TEST(McpHandler, DiscoverListsVersionsCapabilitiesInstructionsAndIdentity) {
  Fixture f;
  McpReply r = f.SendStateless("server/discover");
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(
      Json(r.body).get("result"),
      Json(R"({"_meta":{"io.modelcontextprotocol/serverInfo":{"name":"mail_mcp","title":"Mail","version":"1.2.3"}},)"
           R"("cacheScope":"public","capabilities":{"tools":{"listChanged":false}},)"
           R"("instructions":"Use these tools for mail.","resultType":"complete",)"
           R"("supportedVersions":["2026-07-28","2025-11-25","2025-06-18","2025-03-26"],"ttlMs":3600000})"));
}

TEST(McpHandler, StatelessToolsListCarriesResultTypeAndCachingHints) {
  Fixture f;
  value result = Json(f.SendStateless("tools/list").body).get("result");
  EXPECT_EQ(result.get("resultType").get<std::string>(), "complete");
  EXPECT_EQ(result.get("ttlMs").get<int64_t>(), 3600000);
  // The list depends on the caller's grant, so no cache may share it across authorizations.
  EXPECT_EQ(result.get("cacheScope").get<std::string>(), "private");
  EXPECT_EQ(result.get("tools").get<array>().size(), 2u);
  EXPECT_EQ(result.get("_meta").get("io.modelcontextprotocol/serverInfo").get("name").get<std::string>(), "mail_mcp");
}

TEST(McpHandler, StatelessToolsListIsByteIdenticalAcrossRequests) {
  Fixture f;
  EXPECT_EQ(f.SendStateless("tools/list").body, f.SendStateless("tools/list").body);
}

TEST(McpHandler, LegacyResultsKeepTheirShape) {
  Fixture f;
  value result = f.Call("tools/list").get("result");
  EXPECT_FALSE(result.contains("resultType"));
  EXPECT_FALSE(result.contains("ttlMs"));
  EXPECT_FALSE(result.contains("_meta"));
}

TEST(McpHandler, StatelessToolsCallCarriesResultType) {
  Fixture f;
  McpRequestHeaders h{"2026-07-28", "tools/call", "echo"};
  value ok = Json(f.SendStateless("tools/call", R"("name":"echo","arguments":{"text":"hi"})", h).body);
  EXPECT_EQ(ok.get("result").get("resultType").get<std::string>(), "complete");
  EXPECT_EQ(ok.get("result").get("structuredContent").get("who").get<std::string>(), "ada@example.com");
  value failed = Json(f.SendStateless("tools/call", R"("name":"echo","arguments":{"text":"fail"})", h).body);
  EXPECT_EQ(failed.get("result").get("resultType").get<std::string>(), "complete");
  EXPECT_TRUE(failed.get("result").get("isError").get<bool>());
}

TEST(McpHandler, RemovedAndUnknownMethodsAre404MethodNotFoundUnderTheStatelessRevision) {
  Fixture f;
  for (const char* method : {"initialize", "ping", "logging/setLevel", "resources/subscribe", "unknown/method"}) {
    McpReply r = f.SendStateless(method, "", std::nullopt, "\"req-9\"");
    EXPECT_EQ(r.http_status, 404);
    EXPECT_EQ(ErrorCode(Json(r.body)), -32601);
    EXPECT_EQ(Json(r.body).get("id").get<std::string>(), "req-9");
  }
}

TEST(McpHandler, LegacyRequestsStillHavePingAndNotDiscover) {
  Fixture f;
  EXPECT_TRUE(f.Call("ping").get("result").get<object>().empty());
  McpReply r = f.Send(R"({"jsonrpc":"2.0","id":1,"method":"server/discover"})");
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(ErrorCode(Json(r.body)), -32601);
}

TEST(McpHandler, AnUnsupportedRevisionIs400ListingTheSupportedOnes) {
  Fixture f;
  const char* meta =
      R"({"_meta":{"io.modelcontextprotocol/protocolVersion":"1900-01-01","io.modelcontextprotocol/clientCapabilities":{}}})";
  for (McpReply r : {f.SendRaw("tools/list", meta, {"1900-01-01", "tools/list", std::nullopt}),
                     f.SendRaw("tools/list", "{}", {"1900-01-01", std::nullopt, std::nullopt})}) {
    EXPECT_EQ(r.http_status, 400);
    value error = Json(r.body).get("error");
    EXPECT_EQ(error.get("code").get<int64_t>(), -32022);
    EXPECT_EQ(error.get("message").get<std::string>(), "Unsupported protocol version");
    EXPECT_EQ(error.get("data").serialize(),
              R"({"requested":"1900-01-01","supported":["2026-07-28","2025-11-25","2025-06-18","2025-03-26"]})");
    EXPECT_EQ(Json(r.body).get("id").get<int64_t>(), 7);
  }
}

TEST(McpHandler, AMetaRevisionDifferentFromTheHeaderIsHeaderMismatch) {
  Fixture f;
  const char* meta =
      R"({"_meta":{"io.modelcontextprotocol/protocolVersion":"1900-01-01","io.modelcontextprotocol/clientCapabilities":{}}})";
  McpReply r = f.SendRaw("server/discover", meta, {"2026-07-28", "server/discover", std::nullopt});
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(ErrorCode(Json(r.body)), -32020);
}

TEST(McpHandler, MissingRequiredMetaFieldsAreInvalidParamsWith400) {
  Fixture f;
  McpRequestHeaders h{"2026-07-28", "server/discover", std::nullopt};
  for (
      const char* params : {
          R"({})",
          R"({"_meta":[]})",
          R"({"_meta":{"io.modelcontextprotocol/clientCapabilities":{}}})",
          R"({"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}})",
          R"({"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":[]}})",
          R"({"_meta":{"io.modelcontextprotocol/protocolVersion":2026,"io.modelcontextprotocol/clientCapabilities":{}}})",
      }) {
    McpReply r = f.SendRaw("server/discover", params, h);
    EXPECT_EQ(r.http_status, 400);
    EXPECT_EQ(ErrorCode(Json(r.body)), -32602);
    EXPECT_EQ(Json(r.body).get("id").get<int64_t>(), 7);
  }
}

TEST(McpHandler, ClientInfoIsOptional) {
  Fixture f;
  EXPECT_EQ(f.SendStateless("server/discover").http_status, 200);
}

TEST(McpHandler, StatelessRequestsNeedTheProtocolVersionAndMethodHeaders) {
  Fixture f;
  for (const McpRequestHeaders& h : {McpRequestHeaders{std::nullopt, "tools/list", std::nullopt},
                                     McpRequestHeaders{"2026-07-28", std::nullopt, std::nullopt},
                                     McpRequestHeaders{"2026-07-28", "prompts/list", std::nullopt},
                                     McpRequestHeaders{"2026-07-28", "TOOLS/LIST", std::nullopt}}) {
    McpReply r = f.SendStateless("tools/list", "", h);
    EXPECT_EQ(r.http_status, 400);
    EXPECT_EQ(ErrorCode(Json(r.body)), -32020);
  }
  EXPECT_EQ(
      f.SendStateless("tools/list", "", McpRequestHeaders{" 2026-07-28 ", " tools/list ", std::nullopt}).http_status,
      200);
}

TEST(McpHandler, StatelessToolsCallNeedsAMatchingMcpNameHeader) {
  Fixture f;
  const std::string call = R"("name":"echo","arguments":{"text":"hi"})";
  for (std::optional<std::string> name : {std::optional<std::string>(), std::optional<std::string>("list_folders"),
                                          std::optional<std::string>("=?base64?!!?=")}) {
    McpReply r = f.SendStateless("tools/call", call, McpRequestHeaders{"2026-07-28", "tools/call", name});
    EXPECT_EQ(r.http_status, 400);
    EXPECT_EQ(ErrorCode(Json(r.body)), -32020);
  }
  for (const char* name : {"echo", "  echo  ", "=?base64?ZWNobw==?="}) {
    McpReply r = f.SendStateless("tools/call", call, McpRequestHeaders{"2026-07-28", "tools/call", name});
    EXPECT_EQ(r.http_status, 200);
    EXPECT_EQ(ErrorCode(Json(r.body)), 0);
  }
}

TEST(McpHandler, LegacyRequestsIgnoreMcpMethodAndMcpName) {
  Fixture f;
  McpReply r = f.SendRaw("tools/list", "{}", {"2025-11-25", "prompts/list", "nonsense"});
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(ErrorCode(Json(r.body)), 0);
}

TEST(McpHandler, AMetaNamingALegacyRevisionIsServedAsLegacy) {
  Fixture f;
  McpReply r = f.SendRaw("tools/list", R"({"_meta":{"io.modelcontextprotocol/protocolVersion":"2025-11-25"}})",
                         {"2025-11-25", std::nullopt, std::nullopt});
  EXPECT_EQ(r.http_status, 200);
  EXPECT_FALSE(Json(r.body).get("result").contains("resultType"));
}

TEST(McpHandler, StatelessNotificationsAreAcceptedWithoutMirroredHeaders) {
  Fixture f;
  McpReply r = f.handler.Handle(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}})",
                                McpRequestHeaders{"2026-07-28", std::nullopt, std::nullopt}, f.granted, f.ctx);
  EXPECT_EQ(r.http_status, 202);
  EXPECT_EQ(r.body, "");
}

TEST(McpHandler, ANotificationWithAnUnsupportedRevisionIs400WithoutAnId) {
  Fixture f;
  McpReply r = f.handler.Handle(R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
                                McpRequestHeaders{"1999-01-01", std::nullopt, std::nullopt}, f.granted, f.ctx);
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(ErrorCode(Json(r.body)), -32022);
  EXPECT_TRUE(Json(r.body).get("id").is<picojson::null>());
}

TEST(McpHandler, FakeToolSchemasUseOnlyEnforcedKeywords) {
  EXPECT_OK(CheckSchemaSupported(EchoTool().input_schema()));
  EXPECT_OK(CheckSchemaSupported(EchoTool().output_schema()));
  EXPECT_OK(CheckSchemaSupported(NoArgsTool().input_schema()));
}

TEST(ToolRegistry, FindsToolsByExactName) {
  ToolRegistry registry;
  registry.Add(std::make_unique<EchoTool>());
  ASSERT_TRUE(registry.Find("echo") != nullptr);
  EXPECT_EQ(registry.Find("echo")->name(), "echo");
  EXPECT_TRUE(registry.Find("Echo") == nullptr);
  EXPECT_TRUE(registry.Find("") == nullptr);
  EXPECT_EQ(registry.tools().size(), 1u);
}
