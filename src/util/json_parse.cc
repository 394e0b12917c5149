#include "util/json_parse.h"

#include <exception>
#include <string>

namespace mail_mcp {
namespace {

bool IsJsonWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

StatusOr<picojson::value> ParseJson(std::string_view text) {
  picojson::value v;
  std::string err;
  const char* end = text.data() + text.size();
  const char* stop = end;
  try {
    stop = picojson::parse(v, text.data(), end, &err);
  } catch (const std::exception&) {
    // std::overflow_error from picojson::value(double) for 1e999; nothing else in parse throws,
    // but no exception of any kind may leave a parse of untrusted bytes.
    return Status::InvalidArgument("number out of range");
  }
  if (err.empty()) {
    while (stop != end && IsJsonWhitespace(*stop)) ++stop;
    if (stop != end) return Status::InvalidArgument("unexpected data after the JSON value");
    return v;
  }
  // picojson appends the rest of the offending line: keep messages short and free of echoed input.
  if (size_t near = err.find(" near:"); near != std::string::npos) err.resize(near);
  return Status::InvalidArgument(err);
}

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
  auto v = ParseJson(text);
  if (!v.ok()) return v.status();
  if (!v->is<picojson::object>()) return Status::InvalidArgument("not a JSON object");
  return std::move(v->get<picojson::object>());
}

}  // namespace mail_mcp
