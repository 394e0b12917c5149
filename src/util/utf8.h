// Strict UTF-8 decoding and encoding of single code points, for the mail text codecs.
//
// Strict means what RFC 3629 allows and nothing else: no overlong forms, no UTF-16 surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences. IMAP mailbox names and
// header decoding depend on every string having exactly one spelling.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mail_mcp {

/// Decodes the code point at `*pos` and advances `*pos` past it; false (and `*pos` unchanged) on
/// an invalid or truncated sequence.
bool NextUtf8CodePoint(std::string_view s, size_t* pos, char32_t* code_point);

/// Appends `code_point` (must be a Unicode scalar value) as UTF-8.
void AppendUtf8(char32_t code_point, std::string* out);

bool IsValidUtf8(std::string_view s);

/// `s` with each invalid byte replaced by U+FFFD, so that it can go into JSON.
std::string ToValidUtf8(std::string_view s);

}  // namespace mail_mcp
