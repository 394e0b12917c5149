// JSON-RPC 2.0 framing for MCP: parse the one message an HTTP POST body carries, build replies.
//
// MCP's Streamable HTTP transport sends exactly one JSON-RPC message per POST. ParseJsonRpcMessage
// sorts it into a request (id + method), a notification (method, no id) or a response (result or
// error, no method, sent by a client answering a server request); anything else is answered with
// the JSON-RPC error to send back. MCP narrows JSON-RPC: request ids are strings or integers (never
// null), params are objects, and batches (top-level arrays) are not accepted.
//
// Parsing is bounded: the HTTP layer caps the body size, and nesting deeper than
// kMaxJsonRpcNestingDepth is rejected by a byte scan before picojson (which recurses) sees it.
//
// Thread-safety: pure functions over values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <picojson.h>

namespace mail_mcp {

/// Error codes defined by JSON-RPC 2.0 (section 5.1) and reused by MCP.
enum JsonRpcErrorCode : int {
  kJsonRpcParseError = -32700,
  kJsonRpcInvalidRequest = -32600,
  kJsonRpcMethodNotFound = -32601,
  kJsonRpcInvalidParams = -32602,
  kJsonRpcInternalError = -32603,
  /// The first of JSON-RPC's implementation-defined server errors (-32000 to -32099): we use it for
  /// requests refused as not allowed (a foreign Origin, a tool outside the caller's grant).
  kJsonRpcForbidden = -32000,
};

/// Arrays and objects may nest this deep in a message; deeper input is a parse error.
inline constexpr int kMaxJsonRpcNestingDepth = 64;

struct JsonRpcError {
  int code = kJsonRpcInternalError;
  std::string message;
  /// The id of the failed request when it could be read, else null (JSON-RPC 2.0 section 5).
  picojson::value id;
};

struct JsonRpcMessage {
  enum class Kind { kRequest, kNotification, kResponse };
  Kind kind = Kind::kRequest;
  /// Requests: a string or an int64. Responses: as sent (null is allowed in an error response).
  /// Notifications: null.
  picojson::value id;
  /// Requests and notifications only.
  std::string method;
  /// Whether the message had a "params" member; `params` is then that member as sent, which MCP
  /// requires to be an object (the caller decides what to answer when it is not).
  bool has_params = false;
  picojson::value params;
};

/// Either a message or the error to answer with.
struct JsonRpcParseResult {
  bool ok() const { return !error.has_value(); }
  JsonRpcMessage message;
  std::optional<JsonRpcError> error;
};

/// Parses one JSON-RPC 2.0 message. Never throws.
JsonRpcParseResult ParseJsonRpcMessage(std::string_view body);

/// True when `id` may identify an MCP request: a string or an integer that fits int64.
bool IsValidJsonRpcRequestId(const picojson::value& id);

/// {"jsonrpc":"2.0","id":<id>,"result":<result>}
std::string JsonRpcResultBody(const picojson::value& id, picojson::value result);

/// The same bytes as JsonRpcResultBody(id, result) for a `result` already serialized (a cached
/// tools/list result): only the id is serialized per request.
std::string JsonRpcResultBodyFromSerialized(const picojson::value& id, std::string_view serialized_result);

/// {"jsonrpc":"2.0","id":<id>,"error":{"code":..,"message":..[,"data":..]}}; `id` is null when the
/// request's id could not be read.
std::string JsonRpcErrorBody(const picojson::value& id, int code, std::string message,
                             std::optional<picojson::value> data = std::nullopt);
std::string JsonRpcErrorBody(const JsonRpcError& error);

}  // namespace mail_mcp
