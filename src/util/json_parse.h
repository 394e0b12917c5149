// Parsing JSON that comes from the network (a provider's token response, a server's error challenge).
//
// picojson alone is not safe on hostile input: it recurses once per nesting level (a deep enough
// document overflows the stack) and throws for numbers out of double range ("1e999") instead of
// failing. These helpers bound the nesting before parsing and turn every failure into a Status.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include <picojson.h>

#include "util/status.h"

namespace mail_mcp {

/// Deepest array/object nesting in `text`, stopping early once past `limit`. Brackets inside strings
/// do not count. Malformed JSON is left for the parser to reject.
int JsonNestingDepth(std::string_view text, int limit);

/// `text` parsed as one JSON object (whitespace around it allowed). InvalidArgument when it is not
/// JSON, not an object, has data after it, or nests deeper than `max_depth`; the message never echoes
/// the input.
StatusOr<picojson::object> ParseJsonObject(std::string_view text, int max_depth = 16);

}  // namespace mail_mcp
