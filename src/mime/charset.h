// Charset conversion of mail text to UTF-8.
//
// Mail declares its text in whatever charset the sender's software liked, often wrongly (a
// "us-ascii" body full of 8-bit bytes, "iso-8859-1" text with Windows smart quotes, labels such
// as "x-sjis" or "ks_c_5601-1987"). ToUtf8 never fails: it normalises the label, converts with
// iconv (musl and glibc both carry the CJK, Cyrillic and ISO/Windows code pages built in), replaces
// each undecodable byte with U+FFFD and says so through `lossy`. An unknown label falls back to
// UTF-8 when the bytes are valid UTF-8 and to Windows-1252 otherwise, also flagged lossy.
//
// Thread-safety: pure functions. iconv descriptors are not thread-safe, so each call opens its own.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

struct Decoded {
  std::string utf8;    // always valid UTF-8
  bool lossy = false;  // some bytes were replaced, or the charset had to be guessed
};

/// `bytes` in `charset` (a MIME label, any case or common alias) as UTF-8.
Decoded ToUtf8(std::string_view bytes, std::string_view charset);

/// The canonical lower-case name for a MIME charset label ("UTF8" -> "utf-8", "latin1" ->
/// "iso-8859-1", "x-sjis" -> "shift_jis"); "" when the label is unknown.
std::string CanonicalCharset(std::string_view label);

/// Raw 8-bit text with no declared charset (unencoded header bytes): UTF-8 when it is valid
/// UTF-8, otherwise Windows-1252, which is what such bytes nearly always are.
std::string GuessToUtf8(std::string_view bytes);

/// The code point Windows-1252 gives byte `b` (bytes it leaves undefined map to the C1 control of
/// the same value, as in the WHATWG Encoding Standard).
char32_t Windows1252CodePoint(unsigned char b);

}  // namespace mail_mcp
