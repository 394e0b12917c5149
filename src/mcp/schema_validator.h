// Validation of JSON values against the subset of JSON Schema (2020-12) that tool schemas use.
//
// Every tools/call is checked against the tool's inputSchema before the tool runs, so tools can
// trust the shape of their arguments, and the model gets a message that names the offending
// argument ("arguments.page: must be an integer >= 1") instead of a failure deep inside a tool.
//
// Enforced keywords: type (one name or a list: object, string, integer, number, boolean, array,
// null), properties, required, additionalProperties (false or a schema), enum, const, minimum,
// maximum, exclusiveMinimum, exclusiveMaximum (numbers), minLength, maxLength (in Unicode code
// points), items, minItems, maxItems, oneOf, anyOf; boolean schemas (true / false).
// Annotations, accepted and ignored: $schema, $comment, title, description, default, examples,
// format, deprecated, readOnly, writeOnly. Any other keyword would be silently unenforced, so
// CheckSchemaSupported exists for tests to prove each tool's schemas use none.
//
// Thread-safety: pure functions. (They never call picojson's get<double>() or operator== on an
// int64 value: both convert the value in place, even through a const reference.)
#pragma once

#include <string>

#include <picojson.h>

#include "util/status.h"

namespace mail_mcp {

/// OK when `instance` conforms to `schema`; otherwise InvalidArgument with one message of the form
/// "<path>: <what is wrong>", where `path` names `instance` ("arguments" -> "arguments.ids[2]").
/// A malformed schema (e.g. "minimum": "x") yields Internal.
Status ValidateJson(const picojson::value& schema, const picojson::value& instance, const std::string& path);

/// Validates tool-call arguments: `*arguments` must be an object that conforms to `input_schema`.
/// Where the schema asks for an integer and the client sent an integral number in floating-point
/// form (3.0, 1e2), the value is rewritten in place as an int64, so tools can use is<int64_t>().
Status ValidateToolArguments(const picojson::value& input_schema, picojson::value* arguments);

/// OK when `schema` (recursively) uses only the keywords listed above, with values of the right
/// JSON type, and "type":"object" at the root as MCP requires of inputSchema and outputSchema.
Status CheckSchemaSupported(const picojson::value& schema);

}  // namespace mail_mcp
