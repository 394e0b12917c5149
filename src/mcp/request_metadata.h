// Request metadata: which MCP revision one message is served under, read from its `_meta` and the
// HTTP headers that mirror its body, and the error to answer with when they do not add up.
//
// MCP 2026-07-28 has no handshake. A request names its revision in
// params._meta["io.modelcontextprotocol/protocolVersion"] and declares its client capabilities in
// params._meta["io.modelcontextprotocol/clientCapabilities"] (basic/index, "Per-request protocol
// fields"); on HTTP it repeats the revision in MCP-Protocol-Version, its method in Mcp-Method and,
// for tools/call, prompts/get and resources/read, its params.name or params.uri in Mcp-Name
// (basic/transports/streamable-http, "Request Metadata"). A legacy message (2025-11-25 and
// earlier) has no `_meta` revision and is identified by its MCP-Protocol-Version header alone, or
// by nothing (then 2025-03-26).
//
// ReadRequestRevision checks, in order: the `_meta` revision against the header (-32020
// HeaderMismatch), the revision against kSupportedProtocolVersions (-32022
// UnsupportedProtocolVersion, listing what we support), and for a 2026-07-28 request the required
// `_meta` fields (-32602) and the required headers (-32020). Every one of these is HTTP 400. The
// 2026-07-28 header rules apply to requests only: that revision defines none for notifications.
//
// Thread-safety: pure functions over values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <picojson.h>

#include "mcp/json_rpc.h"

namespace mail_mcp {

/// Error codes MCP 2026-07-28 defines in the range it reserves (basic/index, "Error Codes").
enum McpErrorCode : int {
  kMcpHeaderMismatch = -32020,
  kMcpMissingRequiredClientCapability = -32021,
  kMcpUnsupportedProtocolVersion = -32022,
};

/// Reserved `_meta` keys (basic/index, "_meta").
inline constexpr char kProtocolVersionMetaKey[] = "io.modelcontextprotocol/protocolVersion";
inline constexpr char kClientCapabilitiesMetaKey[] = "io.modelcontextprotocol/clientCapabilities";
inline constexpr char kServerInfoMetaKey[] = "io.modelcontextprotocol/serverInfo";

/// The request headers that mirror body fields, as received; nullopt when absent.
struct McpRequestHeaders {
  std::optional<std::string> protocol_version{};  // MCP-Protocol-Version
  std::optional<std::string> method{};            // Mcp-Method
  std::optional<std::string> name{};              // Mcp-Name
};

/// A JSON-RPC error together with the HTTP status the transport prescribes for it.
struct McpProtocolError {
  int http_status = 400;
  int code = kJsonRpcInvalidRequest;
  std::string message;
  std::optional<picojson::value> data{};
};

struct RequestRevision {
  std::string version;
  /// True for 2026-07-28: no initialize, per-request `_meta`, resultType on every result.
  bool stateless = false;
};

struct RequestRevisionResult {
  bool ok() const { return !error.has_value(); }
  RequestRevision revision;
  std::optional<McpProtocolError> error;
};

/// The revision `message` (a request or a notification) is served under, or the error to answer
/// with. Never throws.
RequestRevisionResult ReadRequestRevision(const JsonRpcMessage& message, const McpRequestHeaders& headers);

/// The value of an Mcp-Name (or Mcp-Param-*) header: optional whitespace around it removed
/// (RFC 9110 section 5.5) and the `=?base64?…?=` sentinel decoded (streamable-http, "Value
/// Encoding"); nullopt when the sentinel's content is not valid base64.
std::optional<std::string> DecodeMirroredHeaderValue(std::string_view raw);

}  // namespace mail_mcp
