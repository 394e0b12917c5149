#include "mcp/mcp_handler.h"

#include <exception>
#include <utility>

#include "mcp/json_rpc.h"
#include "mcp/request_metadata.h"
#include "mcp/schema_validator.h"
#include "util/json_writer.h"

namespace mail_mcp {

using picojson::array;
using picojson::object;
using picojson::value;

namespace {

bool IsKnownMethod(const std::string& method, const RequestRevision& revision) {
  if (method == "tools/list" || method == "tools/call") return true;
  /// 2026-07-28 removed initialize and ping (changelog, "Major changes" 2 and 5) and added
  /// server/discover; each era answers only its own.
  if (revision.stateless) return method == "server/discover";
  return method == "initialize" || method == "ping";
}

/// Caching hints for server/discover and tools/list (MCP 2026-07-28, server/utilities/caching).
/// Both change only when a new build is deployed, so an hour bounds how long a client keeps a list
/// a deploy has changed (we send no list_changed notifications). server/discover is the same for
/// everyone ("public": any cache may share it); tools/list shows only the tools the caller's grant
/// allows, so it may be reused only under the same authorization ("private").
constexpr int64_t kCacheableResultTtlMs = 60 * 60 * 1000;
enum class CacheScope { kPublic, kPrivate };

void AddCachingHints(object* result, CacheScope scope) {
  (*result)["ttlMs"] = value(kCacheableResultTtlMs);
  (*result)["cacheScope"] = value(scope == CacheScope::kPublic ? "public" : "private");
}

value TextContent(std::string text) {
  object block;
  block["type"] = value("text");
  block["text"] = value(std::move(text));
  return value(array{value(std::move(block))});
}

/// A CallToolResult that reports a failure to the model.
value ToolErrorResult(std::string text) {
  object r;
  r["content"] = TextContent(std::move(text));
  r["isError"] = value(true);
  return value(std::move(r));
}

/// Where a tools/call result's structured content goes, twice: as the text content (a JSON string)
/// and as structuredContent (an object). Built with the stand-ins and serialized, the reply gets
/// the bytes spliced in (SpliceStructured), so a result of tens of KiB is serialized once.
constexpr char kTextStandIn[] = "\x01structured result as text";
constexpr char kObjectStandIn[] = "\x01structured result";

/// Replaces the stand-ins in `body` (a JSON-RPC result) with `structured_json`, escaped as a string
/// for the text and as it is for structuredContent. The search starts at the "result" member: the
/// id comes before it, and only there could a client put text that serializes like a stand-in.
std::string SpliceStructured(const std::string& body, const std::string& structured_json) {
  const std::string text_stand_in = WriteJson(value(kTextStandIn));
  const std::string object_stand_in = WriteJson(value(kObjectStandIn));
  const size_t result = body.find("\"result\":");
  const size_t text = body.find(text_stand_in, result);
  const size_t object = body.find(object_stand_in, result);
  if (result == std::string::npos || text == std::string::npos || object == std::string::npos || object < text)
    return body;  // cannot happen with the members CallTool sets; never send a wrong splice
  std::string out;
  out.reserve(body.size() + 2 * structured_json.size() + structured_json.size() / 4);  // escaping adds its quotes
  out.append(body, 0, text);
  AppendJsonString(&out, structured_json);
  out.append(body, text + text_stand_in.size(), object - text - text_stand_in.size());
  out += structured_json;
  out.append(body, object + object_stand_in.size());
  return out;
}

/// Runs the tool; this is the one place exceptions from tool code are caught.
ToolResult CallGuarded(const Tool& tool, const object& arguments, const ToolContext& ctx) {
  try {
    return tool.Call(arguments, ctx);
  } catch (...) {
    /// The exception's text could carry anything (hosts, server replies); the model gets nothing
    /// it could leak or act on.
    return ToolResult::Error("internal error");
  }
}

}  // namespace

McpHandler::McpHandler(const ToolRegistry& tools, ServerInfo info)
    : tools_(tools),
      info_(std::move(info)),
      tool_lists_([this](bool stateless, uint64_t set) { return BuildToolsList(stateless, set); }, AllTools()) {}

uint64_t McpHandler::AllTools() const {
  const size_t n = tools_.tools().size();
  return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
}

McpReply McpHandler::Handle(std::string_view body, const McpRequestHeaders& headers, const ScopeSet& granted,
                            const ToolContext& ctx) const {
  try {
    return HandleMessage(body, headers, granted, ctx);
  } catch (...) {
    return McpReply{500, JsonRpcErrorBody(value(), kJsonRpcInternalError, "Internal error")};
  }
}

McpReply McpHandler::HandleMessage(std::string_view body, const McpRequestHeaders& headers, const ScopeSet& granted,
                                   const ToolContext& ctx) const {
  JsonRpcParseResult parsed = ParseJsonRpcMessage(body);
  if (!parsed.ok()) return McpReply{400, JsonRpcErrorBody(*parsed.error)};
  const JsonRpcMessage& m = parsed.message;
  const bool params_ok = !m.has_params || m.params.is<object>();

  if (m.kind == JsonRpcMessage::Kind::kResponse) {
    /// We never send requests to clients, so any response is unsolicited; accepting it is
    /// harmless and what the transport asks for.
    return McpReply{202, ""};
  }
  RequestRevisionResult revision = ReadRequestRevision(m, headers);
  if (!revision.ok()) {
    McpProtocolError& e = *revision.error;
    return McpReply{e.http_status, JsonRpcErrorBody(m.id, e.code, std::move(e.message), std::move(e.data))};
  }
  if (m.kind == JsonRpcMessage::Kind::kNotification) {
    /// initialized, cancelled (requests here finish before a cancellation could matter), and
    /// any notification we do not know: all are acknowledged and need nothing from a stateless
    /// server. A malformed one is refused, with an error that has no id.
    if (!params_ok)
      return McpReply{400,
                      JsonRpcErrorBody(value(), kJsonRpcInvalidParams, "Invalid params: params must be an object")};
    return McpReply{202, ""};
  }

  Outcome out;
  if (!IsKnownMethod(m.method, revision.revision)) {
    out.error_code = kJsonRpcMethodNotFound;
    out.error_message = "Method not found: " + m.method;
    /// 2026-07-28 answers an unknown method with 404 so that a client can tell it from a legacy
    /// server's 4xx (streamable-http, "Protocol Version Header" and "Backward Compatibility").
    if (revision.revision.stateless) out.http_status = 404;
  } else if (!params_ok) {
    out.error_code = kJsonRpcInvalidParams;
    out.error_message = "Invalid params: params must be an object";
  } else {
    static const object kNoParams;
    out = Dispatch(m.method, m.has_params ? m.params.get<object>() : kNoParams, revision.revision, granted, ctx);
  }
  if (out.error_code != 0)
    return McpReply{out.http_status, JsonRpcErrorBody(m.id, out.error_code, std::move(out.error_message)),
                    std::move(out.step_up_scope)};
  if (out.serialized_result)
    return McpReply{out.http_status, JsonRpcResultBodyFromSerialized(m.id, *out.serialized_result)};
  if (revision.revision.stateless) AddStatelessResultFields(&out.result);
  std::string reply = JsonRpcResultBody(m.id, std::move(out.result));
  if (!out.structured_json.empty()) reply = SpliceStructured(reply, out.structured_json);
  return McpReply{out.http_status, std::move(reply)};
}

McpHandler::Outcome McpHandler::Dispatch(const std::string& method, const object& params,
                                         const RequestRevision& revision, const ScopeSet& granted,
                                         const ToolContext& ctx) const {
  if (method == "initialize") return Initialize(params);
  if (method == "server/discover") return Discover();
  if (method == "tools/list") return ListTools(params, revision.stateless, granted);
  if (method == "tools/call") return CallTool(params, granted, ctx);
  Outcome ping;  // "ping": an empty result
  ping.result = value(object());
  return ping;
}

void McpHandler::AddStatelessResultFields(value* result) const {
  object& r = result->get<object>();
  r["resultType"] = value("complete");
  object meta;
  meta[kServerInfoMetaKey] = Implementation();
  r["_meta"] = value(std::move(meta));
}

value McpHandler::Implementation() const {
  object server_info;
  server_info["name"] = value(info_.name);
  server_info["version"] = value(info_.version);
  if (!info_.title.empty()) server_info["title"] = value(info_.title);
  return value(std::move(server_info));
}

value McpHandler::Capabilities() {
  object tools_capability;
  tools_capability["listChanged"] = value(false);
  object capabilities;
  capabilities["tools"] = value(std::move(tools_capability));
  return value(std::move(capabilities));
}

McpHandler::Outcome McpHandler::Discover() const {
  array versions;
  for (std::string_view v : kSupportedProtocolVersions) versions.emplace_back(std::string(v));
  object r;
  r["supportedVersions"] = value(std::move(versions));
  r["capabilities"] = Capabilities();
  if (!info_.instructions.empty()) r["instructions"] = value(info_.instructions);
  AddCachingHints(&r, CacheScope::kPublic);
  Outcome out;
  out.result = value(std::move(r));
  return out;
}

McpHandler::Outcome McpHandler::Initialize(const object& params) const {
  Outcome out;
  auto requested = params.find("protocolVersion");
  if (requested == params.end() || !requested->second.is<std::string>()) {
    out.error_code = kJsonRpcInvalidParams;
    out.error_message = "Invalid params: protocolVersion must be a string";
    return out;
  }
  const std::string& version = requested->second.get<std::string>();

  object r;
  /// initialize belongs to the legacy era: asked for 2026-07-28 (or anything unknown), it offers the
  /// newest legacy revision, never a stateless one (basic/versioning, "Backward Compatibility").
  r["protocolVersion"] = value(IsLegacyProtocolVersion(version) ? version : std::string(kLatestLegacyProtocolVersion));
  r["capabilities"] = Capabilities();
  r["serverInfo"] = Implementation();
  if (!info_.instructions.empty()) r["instructions"] = value(info_.instructions);
  out.result = value(std::move(r));
  return out;
}

McpHandler::Outcome McpHandler::ListTools(const object& params, bool stateless, const ScopeSet& granted) const {
  Outcome out;
  auto cursor = params.find("cursor");
  if (cursor != params.end() && !cursor->second.is<picojson::null>()) {
    /// The whole list fits one page, so no cursor was ever issued; pagination says an invalid
    /// cursor SHOULD get -32602.
    out.error_code = kJsonRpcInvalidParams;
    out.error_message = "Invalid params: unknown cursor";
    return out;
  }
  const auto& tools = tools_.tools();
  uint64_t visible = 0;
  for (size_t i = 0; i < tools.size() && i < 64; ++i)
    if (granted.Contains(tools[i]->required_scope())) visible |= uint64_t{1} << i;
  out.serialized_result = &tool_lists_.Get(stateless, visible);
  return out;
}

value McpHandler::BuildToolsList(bool stateless, uint64_t tools) const {
  array list;
  for (size_t i = 0; i < tools_.tools().size() && i < 64; ++i)
    if (tools >> i & 1) list.push_back(ToolEntry(*tools_.tools()[i]));
  object r;
  r["tools"] = value(std::move(list));
  value result(std::move(r));
  if (stateless) {
    AddCachingHints(&result.get<object>(), CacheScope::kPrivate);
    AddStatelessResultFields(&result);
  }
  return result;
}

value McpHandler::ToolEntry(const Tool& tool) {
  ToolAnnotations a = tool.annotations();
  object annotations;
  annotations["title"] = value(tool.title());
  annotations["readOnlyHint"] = value(a.read_only);
  annotations["destructiveHint"] = value(a.destructive);
  annotations["idempotentHint"] = value(a.idempotent);
  annotations["openWorldHint"] = value(a.open_world);
  object t;
  t["name"] = value(tool.name());
  t["title"] = value(tool.title());
  t["description"] = value(tool.description());
  t["inputSchema"] = tool.input_schema();
  t["outputSchema"] = tool.output_schema();
  t["annotations"] = value(std::move(annotations));
  return value(std::move(t));
}

McpHandler::Outcome McpHandler::InsufficientScope(const std::string& tool, const ScopeSet& needed,
                                                  const ScopeSet& granted) {
  Outcome out;
  out.error_code = kJsonRpcForbidden;
  out.error_message = "Insufficient scope: " + tool + " needs " + needed.ToString() +
                      ", and this authorization grants " +
                      (granted.empty() ? std::string("nothing") : granted.ToString());
  out.http_status = 403;
  /// Granted plus needed: a client that asks for exactly these keeps what it had.
  out.step_up_scope = granted.Union(needed);
  return out;
}

McpHandler::Outcome McpHandler::CallTool(const object& params, const ScopeSet& granted, const ToolContext& ctx) const {
  Outcome out;
  auto name = params.find("name");
  if (name == params.end() || !name->second.is<std::string>()) {
    out.error_code = kJsonRpcInvalidParams;
    out.error_message = "Invalid params: name must be a string";
    return out;
  }
  const Tool* tool = tools_.Find(name->second.get<std::string>());
  if (!tool) {
    out.error_code = kJsonRpcInvalidParams;
    out.error_message = "Unknown tool: " + name->second.get<std::string>();
    return out;
  }
  /// The scope check comes before the arguments are looked at: a caller without the tool's scope
  /// learns nothing from it but what it would need.
  ScopeSet needed{tool->required_scope()};
  if (!granted.Includes(needed)) return InsufficientScope(tool->name(), needed, granted);

  /// Absent arguments mean none. So does null: some clients send it for argument-less tools, and
  /// treating it as {} lets the schema decide (a tool with required arguments still refuses).
  value arguments{object()};
  auto given = params.find("arguments");
  if (given != params.end() && !given->second.is<picojson::null>()) arguments = given->second;

  /// Invalid arguments are a JSON-RPC -32602 error naming the argument. Note: MCP 2025-11-25
  /// (SEP-1303) prefers reporting them as a tool execution error (isError: true) so the model can
  /// correct itself; switching means returning ToolErrorResult(st.message()) here instead.
  Status st = ValidateToolArguments(tool->input_schema(), &arguments);
  if (!st.ok()) {
    out.error_code = st.code() == Status::Code::kInternal ? kJsonRpcInternalError : kJsonRpcInvalidParams;
    out.error_message = st.code() == Status::Code::kInternal ? "Internal error" : st.message();
    return out;
  }

  needed = needed.Union(tool->ExtraScopesFor(arguments.get<object>()));
  if (!granted.Includes(needed)) return InsufficientScope(tool->name(), needed, granted);

  ToolResult result = CallGuarded(*tool, arguments.get<object>(), ctx);
  if (result.is_error) {
    out.result = ToolErrorResult(std::move(result.error_text));
    return out;
  }
  if (!result.structured.is<object>()) {
    /// structuredContent must be an object; a tool that breaks this has a bug.
    out.result = ToolErrorResult("internal error");
    return out;
  }
  /// The output is deliberately not validated against outputSchema here: turning a completed,
  /// possibly side-effecting call (a sent message) into an error would invite a retry. Tool tests
  /// check conformance with ValidateJson instead.
  out.structured_json = WriteJson(result.structured);
  object r;
  r["content"] = TextContent(kTextStandIn);
  r["structuredContent"] = value(kObjectStandIn);
  r["isError"] = value(false);
  out.result = value(std::move(r));
  return out;
}

}  // namespace mail_mcp
