// Tool schemas are written as JSON text in the source (readable, diffable against the MCP docs) and
// parsed once here. A schema that does not parse is a programming error caught by the unit tests.
// Thread-safety: pure function.
#pragma once

#include <picojson.h>

#include <string_view>

namespace mail_mcp {

/// Parses `json`; returns an empty object (and the unit tests fail) if it is not valid JSON.
picojson::value ParseSchemaLiteral(std::string_view json);

}  // namespace mail_mcp
