// McpHandler: the MCP server's protocol logic, from one HTTP POST body to one HTTP reply.
//
// The server is stateless (no MCP sessions): every POST carries one JSON-RPC message and is
// answered on its own. Requests get a JSON-RPC response (HTTP 200, or 400 when the message could
// not be parsed or is not valid JSON-RPC); notifications and responses from the client are
// acknowledged with 202 and an empty body, as the Streamable HTTP transport requires. Supported
// methods: initialize, ping, tools/list, tools/call. Tool arguments are validated against the
// tool's inputSchema before the tool runs; a tool's result is sent both as structuredContent and,
// for older clients, as its JSON text.
//
// The HTTP layer owns transport concerns (authentication, Origin, Accept, Content-Type, the body
// size limit, the MCP-Protocol-Version header via IsSupportedProtocolVersion) and fills in the
// ToolContext for the authenticated user.
//
// Thread-safety: immutable after construction; Handle may run concurrently on any number of
// threads. The ToolRegistry must outlive the handler and must not change while it is in use.
#pragma once

#include <string>
#include <string_view>

#include <picojson.h>

#include "mcp/protocol_version.h"
#include "mcp/tool.h"
#include "mcp/tool_registry.h"

namespace mail_mcp {

/// What initialize tells the client about this server. The optional fields have initializers so
/// that ServerInfo{name, version, instructions} compiles without -Wmissing-field-initializers.
struct ServerInfo {
  std::string name;
  std::string version;
  std::string instructions{};  // InitializeResult.instructions; omitted when empty
  std::string title{};         // Implementation.title (display name); omitted when empty
};

struct McpReply {
  int http_status = 200;
  /// A JSON-RPC response object (Content-Type: application/json); empty for 202.
  std::string body{};
};

class McpHandler {
 public:
  McpHandler(const ToolRegistry& tools, ServerInfo info);

  /// Handles one POSTed message. Never throws: a tool that throws yields an isError result saying
  /// "internal error", anything else unexpected an HTTP 500 with a JSON-RPC internal error.
  McpReply Handle(std::string_view body, const ToolContext& ctx) const;

 private:
  /// A method's outcome: a result object, or a JSON-RPC error when error_code != 0.
  struct Outcome {
    picojson::value result;
    int error_code = 0;
    std::string error_message;
  };

  McpReply HandleMessage(std::string_view body, const ToolContext& ctx) const;
  Outcome Dispatch(const std::string& method, const picojson::object& params,
                   const ToolContext& ctx) const;
  Outcome Initialize(const picojson::object& params) const;
  Outcome ListTools(const picojson::object& params) const;
  Outcome CallTool(const picojson::object& params, const ToolContext& ctx) const;

  const ToolRegistry& tools_;
  const ServerInfo info_;
};

}  // namespace mail_mcp
