// What create_mailbox, rename_mailbox and delete_mailbox share: finding a folder as LIST reports it,
// refusing to touch the folders a mail client depends on, and keeping subscriptions in step.
//
// INBOX cannot be renamed or deleted in any useful sense (RENAME INBOX moves its messages, RFC 3501
// §6.3.5), and a SPECIAL-USE folder (Sent, Drafts, Trash, Junk, Archive…) is where clients, this
// server included, file mail: renaming or deleting one breaks them silently. Subscriptions are what
// most clients show: a created folder is subscribed, a renamed one (and its subfolders) keeps its
// subscription under the new name, a deleted one loses it.
//
// Thread-safety: not thread-safe (uses the caller's session).
#pragma once

#include <string>
#include <vector>

#include "imap/imap_session.h"
#include "imap/mailbox_list.h"

namespace mail_mcp {

/// The folder called `name` (UTF-8, as list_mailboxes gives it; INBOX in any case); NotFound when
/// there is none.
StatusOr<MailboxInfo> FindMailbox(ImapSession& imap, const std::string& name);
/// PermissionDenied, saying why, for INBOX and SPECIAL-USE folders; `verb` is "rename" or "delete".
Status RefuseProtectedFolder(const MailboxInfo& box, const char* verb);
/// FindMailbox, then RefuseProtectedFolder: the folder, when `verb` may be done to it. The error is
/// worded for the tool's result (an IMAP failure with its "IMAP: " prefix).
StatusOr<MailboxInfo> FolderToChange(ImapSession& imap, const std::string& name, const char* verb);
/// The subscribed folder names (UTF-8): LIST (SUBSCRIBED) with LIST-EXTENDED, else LSUB.
StatusOr<std::vector<std::string>> SubscribedFolders(ImapSession& imap);
/// Makes sure `name` is not the selected mailbox (EXAMINE INBOX instead), so that renaming or
/// deleting it does not pull the session's selection away under it.
Status LeaveFolder(ImapSession& imap, const std::string& name);
/// SUBSCRIBE / UNSUBSCRIBE `name`; the server's refusal is the Status.
Status Subscribe(ImapSession& imap, const std::string& name, bool subscribe);

}  // namespace mail_mcp
