// application/x-www-form-urlencoded parsing and encoding (WHATWG URL §5), for query strings and
// OAuth form posts.
//
// Parameters are kept as a multimap so callers can reject repeated OAuth parameters, which
// RFC 6749 §3.1 forbids. Malformed percent-escapes are an error rather than passed through.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mail_mcp {

using ParamMap = std::multimap<std::string, std::string>;

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);
std::optional<ParamMap> ParseUrlEncoded(std::string_view text);
/// Percent-encodes everything but unreserved characters (RFC 3986 §2.3).
std::string PercentEncode(std::string_view s);
std::string EncodeParams(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace mail_mcp
