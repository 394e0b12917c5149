// Content-Transfer-Encoding decoding (RFC 2045 §6): base64 and quoted-printable, leniently.
//
// Real mail breaks both encodings in small ways (line lengths, stray characters, padding in the
// middle of concatenated base64 chunks, "=" not followed by hex). The decoders here never fail and
// run in one pass: they keep what can be decoded and skip or keep-literally what cannot, because
// showing a mostly-right message beats showing none. crypto/base64.h stays strict for tokens.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

/// Base64 that skips whitespace and any other non-alphabet byte; "=" ends the current 4-character
/// group (so concatenated padded chunks decode), and a final partial group yields what it can.
std::string DecodeBase64Lenient(std::string_view text);

/// Quoted-printable: "=XX" (either case) is a byte, "=" at the end of a line (trailing blanks
/// allowed) is a soft break, blanks at the end of a line are dropped (RFC 2045 §6.7 rule 3), and
/// an "=" that starts neither is kept literally.
std::string DecodeQuotedPrintable(std::string_view text);

/// The body bytes for `encoding` (case-insensitive): base64, quoted-printable; 7bit, 8bit,
/// binary, empty and unknown encodings are returned as they are.
std::string DecodeTransferEncoding(std::string_view body, std::string_view encoding);

}  // namespace mail_mcp
