// Live checks of a user's IMAP and SMTP credentials, for the login form.
//
// Each check opens its own connection, logs in, confirms the login really happened, and closes
// the connection. The errors are the ones users see on the form: Unauthenticated for a wrong
// username or password, Unavailable when the server cannot be reached, trusted or does not offer
// what mail_mcp requires (STARTTLS, SMTP AUTH).
//
// Thread-safety: each call uses its own curl handle, so the two checks (and any number of logins)
// may run in parallel on different threads.
#pragma once

#include "net/mail_account.h"
#include "util/status.h"

namespace mail_mcp {

/// Logs in to servers.imap_* with imap_username/imap_password.
Status CheckImapLogin(const MailAccount& account, const MailConnectOptions& options);

/// Authenticates (SMTP AUTH) to servers.smtp_* with smtp_username/smtp_password. A server that
/// accepts the session without offering AUTH fails the check: we could not verify the password and
/// could not send mail through it either.
Status CheckSmtpLogin(const MailAccount& account, const MailConnectOptions& options);

}  // namespace mail_mcp
