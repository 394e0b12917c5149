#include "mcp/request_metadata.h"

#include <utility>

#include "crypto/base64.h"
#include "mcp/protocol_version.h"
#include "util/ascii.h"

namespace mail_mcp {

using picojson::array;
using picojson::object;
using picojson::value;

namespace {

RequestRevisionResult Fail(int code, std::string message, std::optional<value> data = std::nullopt) {
  RequestRevisionResult r;
  r.error = McpProtocolError{400, code, std::move(message), std::move(data)};
  return r;
}

RequestRevisionResult HeaderMismatch(std::string message) {
  return Fail(kMcpHeaderMismatch, "Header mismatch: " + std::move(message));
}

RequestRevisionResult UnsupportedVersion(const std::string& requested) {
  array supported;
  for (std::string_view v : kSupportedProtocolVersions) supported.emplace_back(std::string(v));
  object data;
  data["supported"] = value(std::move(supported));
  data["requested"] = value(requested);
  return Fail(kMcpUnsupportedProtocolVersion, "Unsupported protocol version", value(std::move(data)));
}

/// RFC 9110 §5.6.3 OWS: spaces and tabs, around a field value.
std::string_view TrimOptionalWhitespace(std::string_view s) { return Trim(s, " \t"); }

/// The body field Mcp-Name mirrors for `method`, or null when the method has none.
const char* NameSourceField(const std::string& method) {
  if (method == "tools/call" || method == "prompts/get") return "name";
  if (method == "resources/read") return "uri";
  return nullptr;
}

/// Checks Mcp-Method and Mcp-Name against the body of a 2026-07-28 request.
RequestRevisionResult CheckMirroredHeaders(const JsonRpcMessage& m, const object& params,
                                           const McpRequestHeaders& headers) {
  if (!headers.method) return HeaderMismatch("the Mcp-Method header is required");
  /// Header values are case-sensitive (streamable-http, "Case Sensitivity"): TOOLS/LIST is not tools/list.
  if (TrimOptionalWhitespace(*headers.method) != m.method)
    return HeaderMismatch("the Mcp-Method header does not match the body's method");
  const char* field = NameSourceField(m.method);
  if (!field) return {};
  auto source = params.find(field);
  bool in_body = source != params.end() && source->second.is<std::string>();
  if (!headers.name) {
    if (in_body) return HeaderMismatch(std::string("the Mcp-Name header is required for ") + m.method);
    return {};  // nothing to mirror; the method itself reports the missing field
  }
  std::optional<std::string> name = DecodeMirroredHeaderValue(*headers.name);
  if (!name) return HeaderMismatch("the Mcp-Name header is not valid base64");
  if (!in_body || *name != source->second.get<std::string>())
    return HeaderMismatch(std::string("the Mcp-Name header does not match the body's params.") + field);
  return {};
}

}  // namespace

std::optional<std::string> DecodeMirroredHeaderValue(std::string_view raw) {
  static constexpr std::string_view kPrefix = "=?base64?", kSuffix = "?=";
  std::string_view v = TrimOptionalWhitespace(raw);
  if (v.size() < kPrefix.size() + kSuffix.size() || v.substr(0, kPrefix.size()) != kPrefix ||
      v.substr(v.size() - kSuffix.size()) != kSuffix)
    return std::string(v);
  return Base64Decode(v.substr(kPrefix.size(), v.size() - kPrefix.size() - kSuffix.size()));
}

RequestRevisionResult ReadRequestRevision(const JsonRpcMessage& m, const McpRequestHeaders& headers) {
  static const object kNone;
  const object& params = m.has_params && m.params.is<object>() ? m.params.get<object>() : kNone;
  auto meta_it = params.find("_meta");
  const bool meta_is_object = meta_it != params.end() && meta_it->second.is<object>();
  const object& meta = meta_is_object ? meta_it->second.get<object>() : kNone;

  std::optional<std::string> meta_version;
  if (auto v = meta.find(kProtocolVersionMetaKey); v != meta.end()) {
    if (!v->second.is<std::string>())
      return Fail(kJsonRpcInvalidParams,
                  std::string("Invalid params: _meta.") + kProtocolVersionMetaKey + " must be a string");
    meta_version = v->second.get<std::string>();
  }
  std::optional<std::string> header_version;
  if (headers.protocol_version) header_version = std::string(TrimOptionalWhitespace(*headers.protocol_version));

  /// A mismatch is reported before either value is judged: an intermediary may have routed on the
  /// header while we would act on the body (streamable-http, "Server Validation").
  if (meta_version && header_version && *meta_version != *header_version)
    return HeaderMismatch("the MCP-Protocol-Version header does not match _meta." +
                          std::string(kProtocolVersionMetaKey));
  std::string version = meta_version     ? *meta_version
                        : header_version ? *header_version
                                         : std::string(kDefaultProtocolVersion);
  if (!IsSupportedProtocolVersion(version)) return UnsupportedVersion(version);

  RequestRevisionResult r;
  r.revision.version = version;
  r.revision.stateless = IsStatelessProtocolVersion(version);
  if (!r.revision.stateless || m.kind != JsonRpcMessage::Kind::kRequest) return r;

  if (m.has_params && !m.params.is<object>())
    return Fail(kJsonRpcInvalidParams, "Invalid params: params must be an object");
  if (!meta_is_object) return Fail(kJsonRpcInvalidParams, "Invalid params: params._meta is required");
  if (!meta_version)
    return Fail(kJsonRpcInvalidParams,
                std::string("Invalid params: _meta.") + kProtocolVersionMetaKey + " is required");
  auto caps = meta.find(kClientCapabilitiesMetaKey);
  if (caps == meta.end() || !caps->second.is<object>())
    return Fail(kJsonRpcInvalidParams,
                std::string("Invalid params: _meta.") + kClientCapabilitiesMetaKey + " must be an object");
  if (!header_version) return HeaderMismatch("the MCP-Protocol-Version header is required");
  RequestRevisionResult mirrored = CheckMirroredHeaders(m, params, headers);
  if (!mirrored.ok()) return mirrored;
  return r;
}

}  // namespace mail_mcp
