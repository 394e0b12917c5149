// The IMAP steps the tools share: opening a folder with a tool-ready error, checking that a message
// exists (by UID) before changing anything, and storing flags on one message.
// Thread-safety: not thread-safe (uses the caller's session).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imap/imap_session.h"

namespace mail_mcp {

/// SELECT (`writable`) or EXAMINE `folder`, connecting first if the session is not connected yet;
/// the error reads "IMAP: why" (connecting) or "IMAP: cannot open folder '…': why".
StatusOr<MailboxState> OpenFolder(ImapSession& imap, const std::string& folder, bool writable);
/// The message's flags; NotFound ("Message not found") when no message has that UID.
StatusOr<std::vector<std::string>> FetchFlags(ImapSession& imap, uint32_t uid, const std::string& folder);
/// What every tool that changes one message does first: SELECT `folder` (OpenFolder) and check that
/// message `uid` is there (FetchFlags), so nothing is changed when either fails.
Status SelectMessage(ImapSession& imap, const std::string& folder, uint32_t uid);
/// `UID STORE uid <op> (flags)` with op "+FLAGS.SILENT" or "-FLAGS.SILENT"; nothing when `flags` is empty.
Status StoreFlags(ImapSession& imap, uint32_t uid, const char* op, const std::vector<std::string>& flags);

}  // namespace mail_mcp
