#include "mime/text_window.h"

namespace mail_mcp {
namespace {

bool StartsCodePoint(char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }

}  // namespace

TextWindow WindowText(std::string_view utf8, size_t offset_chars, size_t max_chars) {
  // One pass: note the byte where the window starts and ends while counting everything.
  size_t chars = 0;
  size_t begin = utf8.size(), end = utf8.size();
  for (size_t i = 0; i < utf8.size(); ++i) {
    if (!StartsCodePoint(utf8[i]) && i != 0) continue;
    if (chars == offset_chars) begin = i;
    if (offset_chars <= chars && chars - offset_chars == max_chars && end == utf8.size()) end = i;
    ++chars;
  }
  TextWindow w;
  w.total_chars = chars;
  w.offset = offset_chars < chars ? offset_chars : chars;
  if (begin > end) begin = end;
  w.text = std::string(utf8.substr(begin, end - begin));
  w.truncated = end < utf8.size();
  return w;
}

}  // namespace mail_mcp
