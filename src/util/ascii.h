// ASCII character classes, case mapping, case-insensitive comparison and trimming.
//
// Protocol text (IMAP atoms, SMTP verbs, MIME header names and parameters, URL schemes and hosts)
// is case-insensitive in ASCII only. These helpers never consult the C locale, so `<cctype>`'s
// answers for bytes >= 0x80 (which depend on setlocale) cannot leak in: every byte outside
// 'A'..'Z' / 'a'..'z' maps to itself, and UTF-8 passes through unchanged.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiAlpha(c); }
constexpr bool IsAsciiHexDigit(char c) { return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
/// 0..15 for '0'..'9', 'a'..'f', 'A'..'F'; -1 for anything else.
constexpr int HexDigitValue(char c) {
  if (IsAsciiDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ToUpperAscii(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
/// `s` with 'A'..'Z' mapped to 'a'..'z'; every other byte unchanged.
std::string ToLowerAscii(std::string_view s);
/// `s` with 'a'..'z' mapped to 'A'..'Z'; every other byte unchanged.
std::string ToUpperAscii(std::string_view s);

/// Same length and equal once ASCII letters are folded.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
/// `s` begins with `prefix`, ASCII letters folded.
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);

/// Non-empty and only '0'..'9' (so a caller can convert it without checking again).
bool AllDigits(std::string_view s);

/// Space, tab, CR and LF: the blanks that surround header values and parameters in mail.
inline constexpr std::string_view kAsciiWhitespace = " \t\r\n";

/// `s` without leading bytes that occur in `chars`.
std::string_view TrimLeft(std::string_view s, std::string_view chars = kAsciiWhitespace);
/// `s` without trailing bytes that occur in `chars`.
std::string_view TrimRight(std::string_view s, std::string_view chars = kAsciiWhitespace);
/// `s` without leading or trailing bytes that occur in `chars`.
std::string_view Trim(std::string_view s, std::string_view chars = kAsciiWhitespace);
/// `s` trimmed of `chars`, with each inner run of them replaced by one space (an unfolded header
/// value; SigV4's "Trimall" with " \t").
std::string CollapseWhitespace(std::string_view s, std::string_view chars = kAsciiWhitespace);

}  // namespace mail_mcp
