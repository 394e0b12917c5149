// JSON string quoting for hand-built JSON lines (the request log), without a JSON library.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

/// `s` as a JSON string literal, quotes included; control characters and non-UTF-8 bytes escaped.
std::string JsonQuote(std::string_view s);

}  // namespace mail_mcp
