// Safe spelling of user-supplied text as IMAP command arguments.
//
// Anything a user (or an AI assistant) supplies goes into a command as a quoted string, never
// spliced raw: quoting escapes '"' and '\', and text that cannot be quoted (CR, LF, NUL, 8-bit
// bytes, which would need a literal) is refused instead of being sent. Mailbox names are converted
// from UTF-8 to modified UTF-7 first.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mail_mcp {

/// `"text"` with '"' and '\' escaped; nullopt when `text` holds CR, LF, NUL or a byte >= 0x80.
std::optional<std::string> QuoteImapString(std::string_view text);

/// The quoted wire form of a UTF-8 mailbox name, e.g. `"&ZeVnLIqe-"` for 日本語; any spelling of
/// INBOX becomes `"INBOX"`. nullopt for invalid UTF-8, U+0000 or an empty name.
std::optional<std::string> MailboxArgument(std::string_view utf8_name);

}  // namespace mail_mcp
