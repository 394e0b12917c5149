// A live check of a user's IMAP credentials, for the login form.
//
// Opens its own connection and logs in, which proves the password (a pooled session would prove
// only that it once was right). Then the session goes to the pool, when there is one, for the
// user's first tool call, which is likely to follow within seconds; without a pool it logs out.
// Errors are the ones users see on the form: Unauthenticated for a wrong username or password,
// Unavailable when the server cannot be reached, trusted or does not offer STARTTLS when implicit
// TLS is off.
//
// Thread-safety: each call uses its own connection; any number may run in parallel.
#pragma once

#include "imap/imap_session_pool.h"
#include "net/mail_account.h"
#include "util/status.h"

namespace mail_mcp {

/// Logs in to servers.imap_* with imap_username/imap_password; a successful session is given to
/// `pool` when it is not null.
Status CheckImapLogin(const MailAccount& account, const MailConnectOptions& options, ImapSessionPool* pool = nullptr);

}  // namespace mail_mcp
