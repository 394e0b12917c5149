// Base64 in its two RFC 4648 alphabets.
//
// Base64UrlEncode/Decode are the unpadded URL-safe form that JOSE (RFC 7515 §2) uses for every
// part of a token; Base64Encode/Decode are the padded standard form used for ENCRYPTION_KEY and
// MIME. Decoders are strict: a character outside the alphabet, misplaced padding, or non-zero
// leftover bits is an error, so every encoding has exactly one accepted spelling (a token cannot be
// altered into a second string that decodes to the same bytes).
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mail_mcp {

std::string Base64UrlEncode(std::string_view bytes);
/// Unpadded base64url only; '=' is rejected.
std::optional<std::string> Base64UrlDecode(std::string_view text);

std::string Base64Encode(std::string_view bytes);
/// Padded standard base64; whitespace is not accepted (callers strip it first when the format allows it).
std::optional<std::string> Base64Decode(std::string_view text);

/// The 6-bit value of digit `c` in the base64 alphabet whose last two digits are `c62` and `c63`
/// ('+' '/' standard, '-' '_' base64url, '+' ',' IMAP's modified UTF-7); -1 for anything else. For
/// the decoders with rules of their own (lenient MIME bodies, mailbox names).
int Base64DigitValue(char c, char c62, char c63);

}  // namespace mail_mcp
