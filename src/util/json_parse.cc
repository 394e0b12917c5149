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

}  // namespace mail_mcp
