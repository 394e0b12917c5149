// Finding the folder that plays a role (Sent, Drafts, Trash) on this account.
//
// Servers name them differently ("Sent", "Sent Items", "[Gmail]/Sent Mail"); RFC 6154 SPECIAL-USE
// attributes say which is which. Hard-coding "Sent" is what breaks the original on Gmail.
// Thread-safety: not thread-safe (uses the caller's session).
#pragma once

#include <string>

#include "imap/imap_session.h"

namespace mail_mcp {

/// The folder with SPECIAL-USE `role` (e.g. "\\Sent"); else one named `fallback` (case-insensitive);
/// else NotFound.
StatusOr<std::string> FindRoleFolder(ImapSession& imap, const std::string& role, const std::string& fallback);

}  // namespace mail_mcp
