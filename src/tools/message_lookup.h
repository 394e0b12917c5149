// The IMAP steps the tools share: borrowing a session, opening a folder with a tool-ready error,
// checking that a message exists (by UID) before changing anything, and storing flags on one message.
// Thread-safety: OpenImap may run concurrently; the rest use the caller's session (one thread).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <picojson.h>
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
/// Which of `uids` are in the selected folder, with their flags: one `UID FETCH <set> (UID FLAGS)`
/// with the set in compact form (1:5,7).
StatusOr<std::map<uint32_t, std::vector<std::string>>> FetchFlagsOf(ImapSession& imap,
                                                                    const std::vector<uint32_t>& uids);
/// `UID STORE <set> <op> (flags)` for all of `uids` in one command; nothing when either is empty.
Status StoreFlags(ImapSession& imap, const std::vector<uint32_t>& uids, const char* op,
                  const std::vector<std::string>& flags);
/// `UID STORE <set> <op> (flags)` with op "+FLAGS" or "-FLAGS" (not .SILENT): the server answers with
/// each message's resulting flags (RFC 3501 6.4.6), returned for those of `uids` it reported, so
/// reading them back takes no FETCH. A message it did not report is simply absent (the caller reads
/// it with FetchFlagsOf). `flags` must not be empty.
StatusOr<std::map<uint32_t, std::vector<std::string>>> StoreFlagsReporting(ImapSession& imap,
                                                                           const std::vector<uint32_t>& uids,
                                                                           const char* op,
                                                                           const std::vector<std::string>& flags);
/// `UID EXPUNGE <set>` (UIDPLUS): expunges exactly those of `uids` that are marked \Deleted,
/// never anything else; nothing when `uids` is empty.
Status ExpungeUids(ImapSession& imap, const std::vector<uint32_t>& uids);
/// The first steps of a tool that changes messages given as `uid` or `uids`.
struct SelectedMessages {
  ImapLease lease;                                       // its session has the folder SELECTed
  bool bulk = false;                                     // `uids` was given
  std::vector<uint32_t> uids;                            // as asked: ascending, without duplicates
  std::map<uint32_t, std::vector<std::string>> present;  // those of them that are there, with their flags
  std::vector<uint32_t> targets;                         // present's UIDs, ascending
};
/// Reads `folder` and `uid`/`uids` (UidsArg), borrows a session, SELECTs the folder and finds which
/// of the UIDs are there, in one UID FETCH. The error is worded for the tool's result: a bad argument
/// as it is, an IMAP failure with its "IMAP: " prefix, and a single `uid` that is not there as
/// "Message not found: …" (missing ones among `uids` are the caller's to report).
StatusOr<SelectedMessages> SelectMessages(const picojson::object& args, const MailContext& ctx);
/// `UID STORE uid <op> (flags)` with op "+FLAGS.SILENT" or "-FLAGS.SILENT"; nothing when `flags` is empty.
Status StoreFlags(ImapSession& imap, uint32_t uid, const char* op, const std::vector<std::string>& flags);

}  // namespace mail_mcp
