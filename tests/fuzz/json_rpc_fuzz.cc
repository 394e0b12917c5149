// The MCP endpoint's protocol layer (src/mcp): one POST body through McpHandler, which parses the
// JSON-RPC message (json_rpc.h), works out its revision from _meta and the mirrored headers
// (request_metadata.h), dispatches it, and validates tools/call arguments against the real tools'
// input schemas (schema_validator.h).
//
// The tools are the server's own (their names, schemas and annotations), but their Call is replaced:
// a call whose arguments pass validation stops there, so no input reaches IMAP or SMTP. The input
// is the body; when it starts with '#', its first line is
// "#MCP-Protocol-Version|Mcp-Method|Mcp-Name|granted scopes" (an empty header field is an absent
// header; absent scopes grant every scope, an invalid scope string none). Every reply must be JSON
// (or empty for 202) and never a 500, which Handle keeps for failures it did not foresee; a 403, and
// only a 403, asks for a step-up, and for at least what was granted. Seeds: tests/fuzz/corpus/json_rpc
// (requests of both MCP eras from the unit and integration tests).
#include <memory>
#include <optional>
#include <string>

#include "fuzz_support.h"
#include "mcp/mcp_handler.h"
#include "mcp/request_metadata.h"
#include "tools/all_tools.h"
#include "tools/mail_scopes.h"
#include "util/json_parse.h"

using namespace mail_mcp;

namespace {

/// A real tool's description and schemas; its Call only reports that validation passed.
class ValidatedOnly : public Tool {
 public:
  explicit ValidatedOnly(std::unique_ptr<Tool> real) : real_(std::move(real)) {}
  std::string name() const override { return real_->name(); }
  std::string title() const override { return real_->title(); }
  std::string description() const override { return real_->description(); }
  picojson::value input_schema() const override { return real_->input_schema(); }
  picojson::value output_schema() const override { return real_->output_schema(); }
  ToolAnnotations annotations() const override { return real_->annotations(); }
  std::string required_scope() const override { return real_->required_scope(); }
  ScopeSet ExtraScopesFor(const picojson::object& arguments) const override { return real_->ExtraScopesFor(arguments); }
  ToolResult Call(const picojson::object&, const ToolContext&) const override {
    return ToolResult::Error("fuzz: the arguments passed validation");
  }

 private:
  std::unique_ptr<Tool> real_;
};

const McpHandler& Handler() {
  static ToolRegistry* registry = [] {
    ToolRegistry real;
    RegisterAllTools(real);
    auto* fake = new ToolRegistry;
    // RegisterAllTools owns its tools; rebuild each by name through the factories it uses.
    for (auto* make : {MakeListMailboxesTool, MakeListMailMessagesTool, MakeGetMailMessageTool,
                       MakeSearchMailMessagesTool, MakeSendMailMessageTool, MakeCreateDraftMailMessageTool,
                       MakeDeleteMailMessageTool, MakeMoveMailMessageTool, MakeUpdateMailMessageFlagsTool})
      fake->Add(std::make_unique<ValidatedOnly>(make()));
    FUZZ_CHECK(fake->tools().size() == real.tools().size(), "the fuzzed tool set differs from the server's");
    return fake;
  }();
  static const McpHandler handler(*registry, ServerInfo{"mail_mcp", "fuzz", "instructions", "Mail"});
  return handler;
}

std::optional<std::string> Field(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return std::string(s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body = fuzz::AsView(data, size);
  McpRequestHeaders headers;
  ScopeSet granted = AllMailScopes();
  if (!body.empty() && body[0] == '#') {
    std::vector<std::string_view> lines = fuzz::Split(body.substr(1), '\n', 2);
    std::vector<std::string_view> h = fuzz::Split(lines[0], '|', 4);
    headers.protocol_version = Field(h[0]);
    if (h.size() > 1) headers.method = Field(h[1]);
    if (h.size() > 2) headers.name = Field(h[2]);
    if (h.size() > 3) {
      auto scopes = ScopeSet::Parse(h[3]);
      granted = scopes.ok() ? *scopes : ScopeSet();
    }
    body = lines.size() > 1 ? lines[1] : std::string_view();
    if (headers.name) (void)DecodeMirroredHeaderValue(*headers.name);
  }
  ToolContext ctx;
  McpReply reply = Handler().Handle(body, headers, granted, ctx);
  FUZZ_CHECK(reply.http_status != 500, "an unforeseen failure (HTTP 500)");
  FUZZ_CHECK((reply.http_status == 403) == !reply.step_up_scope.empty(), "a 403 without a step-up, or the reverse");
  FUZZ_CHECK(reply.step_up_scope.Includes(reply.http_status == 403 ? granted : ScopeSet()),
             "a step-up that asks for less than was granted");
  if (reply.http_status == 202) {
    FUZZ_CHECK(reply.body.empty(), "a 202 with a body");
  } else {
    auto json = ParseJson(reply.body);
    FUZZ_CHECK(json.ok() && json->is<picojson::object>(), "a reply that is not a JSON object");
  }
  return 0;
}
