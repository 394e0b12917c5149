// Modified UTF-7, the encoding of IMAP mailbox names on the wire (RFC 3501 §5.1.3).
//
// Printable US-ASCII except "&" stands for itself, "&-" is "&", and anything else is UTF-16BE in
// base64 (with "," for "/", no padding) between "&" and "-". mail_mcp shows users UTF-8 names and
// converts at the IMAP boundary: DecodeImapUtf7 on LIST results, EncodeImapUtf7 on names that go
// into commands.
//
// The decoder accepts only the canonical encoding (the one EncodeImapUtf7 produces), so each name
// has one wire spelling: it refuses raw 8-bit or control bytes, bad base64, non-zero padding bits,
// an unterminated "&...", unpaired surrogates, printable ASCII hidden in base64, two shifts in a
// row, and U+0000.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mail_mcp {

/// The UTF-8 name for a wire name; nullopt when `wire` is not canonical modified UTF-7.
std::optional<std::string> DecodeImapUtf7(std::string_view wire);

/// The wire name for a UTF-8 name; nullopt when `utf8` is not valid UTF-8 or contains U+0000.
std::optional<std::string> EncodeImapUtf7(std::string_view utf8);

}  // namespace mail_mcp
