// Charset conversion of mail text to UTF-8.
//
// Mail declares its text in whatever charset the sender's software liked, often wrongly (a
// "us-ascii" body full of 8-bit bytes, "iso-8859-1" text with Windows smart quotes, labels such
// as "x-sjis" or "ks_c_5601-1987"). ToUtf8 never fails: it normalises the label and converts, the
// Japanese and Korean code pages with our own table-driven decoders (mime/double_byte.h), UTF-8,
// UTF-7 (which musl lacks), Windows-1252 and GB18030's four-byte sequences here too, the others
// with iconv (musl and glibc both carry the Chinese, Cyrillic and ISO/Windows code pages
// built in). Each undecodable sequence becomes one U+FFFD and decoding resumes right after it, never
// in the middle of the next character. Bytes a declared charset does not allow are never re-read as
// another charset's letters (8-bit bytes under "us-ascii" are U+FFFD unless they are well-formed
// UTF-8). Control characters other than tab, line feed, carriage return and form feed become U+FFFD
// too. Only an unknown label is guessed: UTF-8 when the bytes are valid UTF-8, else Windows-1252.
// `lossy` says when anything was replaced or guessed.
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
/// UTF-8, otherwise Windows-1252, which is what such bytes nearly always are; controls as in ToUtf8.
std::string GuessToUtf8(std::string_view bytes);

/// Replaces C0 controls other than tab, LF, CR and form feed, DEL and the C1 controls
/// (U+0080..U+009F) in `d->utf8` with U+FFFD, setting `lossy` when it replaced any. They draw
/// nothing (or garbage) on a screen, so a reader never sees them; a NUL in particular.
void ReplaceControlCharacters(Decoded* d);

/// The code point Windows-1252 gives byte `b` (bytes it leaves undefined map to the C1 control of
/// the same value, as in the WHATWG Encoding Standard).
char32_t Windows1252CodePoint(unsigned char b);

}  // namespace mail_mcp
