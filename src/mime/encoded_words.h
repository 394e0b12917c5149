// Header text decoding: unfolding and RFC 2047 encoded words ("=?charset?B|Q?text?=").
//
// DecodeHeaderText turns an unstructured header value (Subject, a display name, a comment) into
// UTF-8 for display. It is lenient the way mail readers are: encoded words are recognised even
// when glued to other text, the RFC 2231 language suffix ("=?utf-8*en?Q?..?=") is ignored, the
// whitespace between two adjacent encoded words is dropped, and adjacent words in the same charset
// are joined as bytes before conversion, because senders split multibyte characters (and base64
// groups) across words. Malformed encoded words are left as they are; unencoded 8-bit bytes are
// read as UTF-8 when valid and as Windows-1252 otherwise.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

/// Removes header folding: CRLF, LF or CR followed by a blank is deleted (the blank stays);
/// any other CR or LF becomes a space, so a hostile value cannot smuggle line breaks.
std::string UnfoldHeader(std::string_view raw);

/// The display text of a raw header value, as valid UTF-8.
std::string DecodeHeaderText(std::string_view raw);

}  // namespace mail_mcp
