// Parsing JSON text that came from outside the program (HTTP bodies, token headers and claims,
// files on disk) into picojson values, without exceptions.
//
// picojson reports malformed text through its error string, with one exception, literally: a
// number outside double range (1e999, -1e400) makes it throw std::overflow_error, because its
// double constructor refuses infinities. Uncaught, that turns a forged token header into an HTTP
// 500 instead of a 401. Every parse of bytes we did not write goes through ParseJson, so no input
// can escape as an exception. The whole text must be one JSON value, with only whitespace around
// it. picojson stops nesting at 100 levels (it recurses), so the stack it uses is bounded.
//
// Thread-safety: pure function.
#pragma once

#include <picojson.h>

#include <string_view>

#include "util/status.h"

namespace mail_mcp {

/// The value `text` holds, or InvalidArgument with a short reason that never quotes the input.
StatusOr<picojson::value> ParseJson(std::string_view text);

/// Deepest array/object nesting in `text`, stopping early once past `limit`. Brackets inside strings
/// do not count. Malformed JSON is left for the parser to reject.
int JsonNestingDepth(std::string_view text, int limit);

/// ParseJson for text that must be one JSON object nested at most `max_depth` deep (checked before
/// parsing): what providers and servers answer (token responses, discovery documents, error
/// challenges). InvalidArgument otherwise, never quoting the input.
StatusOr<picojson::object> ParseJsonObject(std::string_view text, int max_depth = 16);

}  // namespace mail_mcp
