// Lowercase hexadecimal encoding and strict decoding.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mail_mcp {

std::string HexEncode(std::string_view bytes);
/// Accepts upper or lower case; rejects odd lengths and non-hex characters.
std::optional<std::string> HexDecode(std::string_view hex);

}  // namespace mail_mcp
