// Message flags as tools accept them: the RFC 3501 system flags and keywords.
//
// A flag holding any control byte (NUL, CR, LF, DEL, ...) is refused before it is looked at.
//
// System flags are matched case-insensitively and spelled canonically (\Seen, \Answered, \Flagged,
// \Deleted, \Draft); \Recent is server-managed and refused. Keywords ($Forwarded, $Junk, custom
// labels) must be IMAP atoms without '\' and within a sane length, so nothing odd reaches STORE.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace mail_mcp {

StatusOr<std::string> NormalizeFlag(std::string_view flag);

}  // namespace mail_mcp
