// Content-Transfer-Encoding for outgoing bodies (RFC 2045 §6): quoted-printable and base64.
//
// Our own encoders, strict where the decoders in mime/transfer_encoding.h are lenient: every
// output line is at most 76 characters plus CRLF, quoted-printable never splits an "=XX" escape
// across a soft break and escapes trailing blanks, a "." or "From " at the start of a line
// (harmless in QP, and it keeps SMTP dot-stuffing and mbox "From " munging from touching the text).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

/// Maximum encoded line length, excluding CRLF (RFC 2045 §6.7 and §6.8).
constexpr size_t kEncodedLineLength = 76;

/// `text` with every CRLF, lone CR and lone LF turned into CRLF.
std::string NormalizeLineEndings(std::string_view text);

/// True when CRLF text cannot go out as 7bit: it has 8-bit bytes, NUL, or a line over 78 bytes.
bool NeedsQuotedPrintable(std::string_view crlf_text);

/// Quoted-printable of CRLF text; its CRLFs stay hard line breaks.
std::string EncodeQuotedPrintable(std::string_view crlf_text);

/// Base64 in lines of 76 characters, each ending in CRLF.
std::string EncodeBase64Lines(std::string_view bytes);

}  // namespace mail_mcp
