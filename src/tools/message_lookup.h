// Checking that a message exists (by UID, in the selected folder) before changing anything, and
// reading its flags back afterwards.
// Thread-safety: not thread-safe (uses the caller's session).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mail/imap_session.h"

namespace mail_mcp {

/// The message's flags; NotFound ("Message not found") when no message has that UID.
StatusOr<std::vector<std::string>> FetchFlags(ImapSession& imap, uint32_t uid, const std::string& folder);

}  // namespace mail_mcp
