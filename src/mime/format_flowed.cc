#include "mime/format_flowed.h"

namespace mail_mcp {

std::string UnwrapFlowed(std::string_view text, bool delsp) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  bool open = false;  // the last line written was flowed: the next one continues it
  size_t open_depth = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    const size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = next;

    // RFC 3676 §4.5: the quote depth is the number of leading '>'; §4.4: after them, one space is
    // stuffing.
    size_t depth = 0;
    while (depth < line.size() && line[depth] == '>') ++depth;
    line.remove_prefix(depth);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);

    // §4.3: the signature separator is never flowed; §4.1: any other line ending in a space is.
    const bool signature = line == "-- ";
    const bool flowed = !signature && !line.empty() && line.back() == ' ';

    // A flowed line whose successor has another quote depth ends its paragraph after all (§4.5).
    if (open && depth != open_depth) out.push_back('\n');
    if ((!open || depth != open_depth) && depth > 0) {
      out.append(depth, '>');
      if (!line.empty()) out.push_back(' ');
    }
    if (flowed && delsp) line.remove_suffix(1);
    out.append(line);
    open = flowed;
    open_depth = depth;
    if (!flowed) out.push_back('\n');
  }
  if (open) out.push_back('\n');
  // The input's own last line break (or its absence) decides the output's.
  if (!text.empty() && text.back() != '\n' && !out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace mail_mcp
