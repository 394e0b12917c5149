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

}  // namespace mail_mcp
