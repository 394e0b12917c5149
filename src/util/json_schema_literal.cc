#include "util/json_schema_literal.h"

#include "util/json_parse.h"

namespace mail_mcp {

picojson::value ParseSchemaLiteral(std::string_view json) {
  auto v = ParseJson(json);
  if (!v.ok() || !v->is<picojson::object>()) return picojson::value(picojson::object());
  return *v;
}

}  // namespace mail_mcp
