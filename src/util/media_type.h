// Media types (RFC 2045 §5.1, RFC 9110 §8.3.1) and HTTP content negotiation (RFC 9110 §12.5.1).
//
// IsMediaType: outgoing attachments (the MIME composer) and attachment downloads (the stores) take
// a content type from outside and must not let it smuggle parameters or header syntax onward.
// ParseMediaType and AcceptQuality read Content-Type and Accept as media types, never by prefix or
// substring: "application/jsonx" and "application/json-patch+json" are not "application/json".
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mail_mcp {

/// True for "type/subtype" where each side is 1 to 127 RFC 2045 token characters.
bool IsMediaType(std::string_view content_type);

/// A parsed "type/subtype; name=value; ...". Type, subtype and parameter names are lowercased
/// (they are case-insensitive); parameter values are kept as sent, quoted strings unquoted.
struct MediaType {
  std::string type;
  std::string subtype;
  std::vector<std::pair<std::string, std::string>> parameters;

  /// True when type and subtype are `type` and `subtype` (lowercase), whatever the parameters.
  bool Is(std::string_view t, std::string_view s) const { return type == t && subtype == s; }
  /// The value of parameter `name` (lowercase), or nullopt.
  std::optional<std::string> Parameter(std::string_view name) const;
};

/// Parses a Content-Type value; nullopt when it is not "token/token" followed by well-formed
/// "; token=(token|quoted-string)" parameters (blanks allowed around ';' only).
std::optional<MediaType> ParseMediaType(std::string_view value);

/// How much an Accept header value wants `type`/`subtype` (lowercase), in thousandths (0..1000).
/// The most specific matching range decides (type/subtype over type/* over */*); its q is the
/// answer. An empty or absent Accept accepts anything (1000); elements that do not parse are
/// ignored, and a value none of whose elements match gives 0.
int AcceptQuality(std::string_view accept, std::string_view type, std::string_view subtype);

}  // namespace mail_mcp
