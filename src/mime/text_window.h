// A window of at most N characters out of a long text, for paging message bodies to assistants.
//
// Positions and lengths count Unicode code points, not bytes, so a client can ask for "the next
// 4000 characters" without knowing the encoding, and a window never ends inside a UTF-8 sequence.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mail_mcp {

struct TextWindow {
  std::string text;    // the code points [offset, offset + max_chars) of the input
  size_t total_chars;  // code points in the whole input
  size_t offset;       // where the window starts (the request, clamped to total_chars)
  bool truncated;      // true when text follows the window
};

/// Input should be valid UTF-8; stray continuation bytes count with the character before them.
TextWindow WindowText(std::string_view utf8, size_t offset_chars, size_t max_chars);

}  // namespace mail_mcp
