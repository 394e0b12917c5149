// A live check of a user's IMAP credentials, for the login form.
//
// Opens its own connection, logs in (which proves the password), and logs out. Errors are the ones
// users see on the form: Unauthenticated for a wrong username or password, Unavailable when the
// server cannot be reached, trusted or does not offer STARTTLS when implicit TLS is off.
//
// Thread-safety: each call uses its own connection; any number may run in parallel.
#pragma once

#include "net/mail_account.h"
#include "util/status.h"

namespace mail_mcp {

/// Logs in to servers.imap_* with imap_username/imap_password.
Status CheckImapLogin(const MailAccount& account, const MailConnectOptions& options);

}  // namespace mail_mcp
