#include "util/json_parse.h"

#include <exception>
#include <string>

namespace mail_mcp {

int JsonNestingDepth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped byte cannot end the string
      else if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > deepest) deepest = depth;
        if (deepest > limit) return deepest;
        break;
      case ']':
      case '}':
        --depth;
        break;
      default:
        break;
    }
  }
  return deepest;
}

StatusOr<picojson::object> ParseJsonObject(std::string_view text, int max_depth) {
  if (JsonNestingDepth(text, max_depth) > max_depth) return Status::InvalidArgument("JSON nested too deeply");
  picojson::value v;
  std::string err;
  const char* end = text.data() + text.size();
  const char* stop = end;
  try {
    stop = picojson::parse(v, text.data(), end, &err);
  } catch (const std::exception&) {
    err = "number out of range";  // picojson throws for 1e999 instead of failing the parse
  }
  if (!err.empty()) return Status::InvalidArgument("not valid JSON");
  while (stop != end && (*stop == ' ' || *stop == '\t' || *stop == '\n' || *stop == '\r')) ++stop;
  if (stop != end) return Status::InvalidArgument("unexpected data after the JSON value");
  if (!v.is<picojson::object>()) return Status::InvalidArgument("not a JSON object");
  return std::move(v.get<picojson::object>());
}

}  // namespace mail_mcp
