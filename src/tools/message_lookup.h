// The IMAP steps the tools share: borrowing a session, opening a folder with a tool-ready error,
// checking that a message exists (by UID) before changing anything, and storing flags on one message.
// Thread-safety: OpenImap may run concurrently; the rest use the caller's session (one thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "imap/imap_session.h"
#include "imap/imap_session_pool.h"
#include "tools/mail_tool.h"

namespace mail_mcp {

/// A logged-in session for the call's account: from ctx.imap_pool (an idle one, preferring one that
/// has `folder` selected) or, without a pool, a new connection. Errors as ImapSession::Connect's
/// (and ImapSessionPool::Acquire's), for ImapError to word.
StatusOr<ImapLease> OpenImap(const MailContext& ctx, std::string_view folder = {});
/// Makes `folder` the selected mailbox (ImapSession::OpenMailbox: re-used when it already is,
/// SELECTed when `writable`), connecting first if the session is not connected yet; the error
/// reads "IMAP: why" (connecting) or "IMAP: cannot open folder '…': why". The state returned may be
/// one NOOP old: read imap.selected() after the next command for current counts and UIDVALIDITY.
StatusOr<MailboxState> OpenFolder(ImapSession& imap, const std::string& folder, bool writable);
/// The message's flags; NotFound ("Message not found") when no message has that UID.
StatusOr<std::vector<std::string>> FetchFlags(ImapSession& imap, uint32_t uid, const std::string& folder);
/// What every tool that changes one message does first: SELECT `folder` (OpenFolder) and check that
/// message `uid` is there (FetchFlags), so nothing is changed when either fails.
Status SelectMessage(ImapSession& imap, const std::string& folder, uint32_t uid);
/// `UID STORE uid <op> (flags)` with op "+FLAGS.SILENT" or "-FLAGS.SILENT"; nothing when `flags` is empty.
Status StoreFlags(ImapSession& imap, uint32_t uid, const char* op, const std::vector<std::string>& flags);

}  // namespace mail_mcp
