#include "util/json_schema_literal.h"

namespace mail_mcp {

picojson::value ParseSchemaLiteral(std::string_view json) {
  picojson::value v;
  std::string err = picojson::parse(v, std::string(json));
  if (!err.empty() || !v.is<picojson::object>()) return picojson::value(picojson::object());
  return v;
}

}  // namespace mail_mcp
