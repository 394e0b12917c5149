// McpHandler: the MCP server's protocol logic, from one HTTP POST body to one HTTP reply.
//
// The server is stateless (no MCP sessions): every POST carries one JSON-RPC message and is
// answered on its own, so one endpoint serves both MCP eras (see protocol_version.h). Each request
// is served under the revision ReadRequestRevision finds in its `_meta` and headers:
//   - legacy (2025-11-25 and earlier): initialize, ping, tools/list, tools/call; an unknown method
//     is a JSON-RPC -32601 with HTTP 200.
//   - 2026-07-28: server/discover, tools/list, tools/call. Every result carries resultType
//     "complete" and names the server in _meta["io.modelcontextprotocol/serverInfo"];
//     server/discover and tools/list carry the caching hints ttlMs and cacheScope. Any other method,
//     including the removed initialize, ping and logging/setLevel, is -32601 with HTTP 404
//     (streamable-http, "Protocol Version Header").
// Access is by scope: the transport passes the OAuth scopes the caller's token grants, tools/list
// shows only the tools whose required_scope() they hold, and tools/call of any other tool (or with
// arguments that need a scope beyond it) is refused with HTTP 403 and a McpReply::step_up_scope the
// transport turns into an insufficient_scope challenge. This is the one place scopes are enforced.
// Requests get a JSON-RPC response (HTTP 200, or the 400/403/404 above, or 400 when the message could
// not be parsed or is not valid JSON-RPC); notifications and responses from the client are
// acknowledged with 202 and an empty body, as the Streamable HTTP transport requires. Tool
// arguments are validated against the tool's inputSchema before the tool runs; a tool's result is
// sent both as structuredContent and, for older clients, as its JSON text.
//
// The HTTP layer owns the other transport concerns (authentication, Origin, Accept, Content-Type,
// the body size limit), passes on the headers that mirror the body, and fills in the ToolContext
// for the authenticated user.
//
// tools/list results are serialized once per era and set of visible tools (ToolListCache: the full
// set at construction, a narrower grant's set on first use); a request only splices its id around
// the cached bytes.
//
// Thread-safety: Handle may run concurrently on any number of threads; the only mutable state, the
// tools/list results cached per distinct set of visible tools, locks internally. The ToolRegistry
// must outlive the handler and must not change while it is in use (at most 64 tools).
#pragma once

#include <string>
#include <string_view>

#include <picojson.h>

#include "mcp/protocol_version.h"
#include "mcp/request_metadata.h"
#include "mcp/tool.h"
#include "mcp/tool_list_cache.h"
#include "mcp/tool_registry.h"
#include "util/scope_set.h"

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
  /// Set with HTTP 403 when a tools/call needs a scope the caller's grant lacks: the scopes a new
  /// authorization should ask for, those granted plus those missing (MCP authorization, "Runtime
  /// Insufficient Scope Errors", the recommended approach), so a client that asks for exactly these
  /// loses nothing it had. The transport sends them in WWW-Authenticate. Empty otherwise.
  ScopeSet step_up_scope{};
};

class McpHandler {
 public:
  McpHandler(const ToolRegistry& tools, ServerInfo info);

  /// Handles one POSTed message whose mirrored headers are `headers`, from a caller whose token
  /// grants `granted`. Never throws: a tool that throws yields an isError result saying "internal
  /// error", anything else unexpected an HTTP 500 with a JSON-RPC internal error.
  McpReply Handle(std::string_view body, const McpRequestHeaders& headers, const ScopeSet& granted,
                  const ToolContext& ctx) const;

 private:
  /// A method's outcome: a result object, or a JSON-RPC error when error_code != 0.
  struct Outcome {
    picojson::value result;
    int error_code = 0;
    std::string error_message;
    int http_status = 200;
    /// When set, the result is these bytes (cached) instead of `result`, with the era's fields in.
    const std::string* serialized_result = nullptr;
    /// tools/call: the tool's structured result, serialized once; `result` holds stand-ins where
    /// it goes (as the text content and as structuredContent), replaced in the reply's bytes.
    std::string structured_json;
    ScopeSet step_up_scope{};  // see McpReply
  };

  McpReply HandleMessage(std::string_view body, const McpRequestHeaders& headers, const ScopeSet& granted,
                         const ToolContext& ctx) const;
  Outcome Dispatch(const std::string& method, const picojson::object& params, const RequestRevision& revision,
                   const ScopeSet& granted, const ToolContext& ctx) const;
  Outcome Initialize(const picojson::object& params) const;
  Outcome Discover() const;
  Outcome ListTools(const picojson::object& params, bool stateless, const ScopeSet& granted) const;
  /// The tools/list result object of an era, for the tools whose bits are set in `tools`.
  picojson::value BuildToolsList(bool stateless, uint64_t tools) const;
  uint64_t AllTools() const;
  Outcome CallTool(const picojson::object& params, const ScopeSet& granted, const ToolContext& ctx) const;
  static picojson::value ToolEntry(const Tool& tool);
  /// Refuses a tools/call whose tool (or arguments) need scopes `needed` that `granted` lacks:
  /// HTTP 403 with step_up_scope set (MCP authorization, "Scope Challenge Handling"), and a
  /// JSON-RPC error saying the same for clients that read bodies.
  static Outcome InsufficientScope(const std::string& tool, const ScopeSet& needed, const ScopeSet& granted);
  /// Adds what 2026-07-28 asks of every result: resultType and the server's identity in _meta.
  void AddStatelessResultFields(picojson::value* result) const;
  picojson::value Implementation() const;
  static picojson::value Capabilities();

  const ToolRegistry& tools_;
  const ServerInfo info_;
  const ToolListCache tool_lists_;  // last: built from the members above
};

}  // namespace mail_mcp
