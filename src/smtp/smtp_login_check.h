// A live check of a user's SMTP credentials, for the login form.
//
// Opens its own connection, authenticates, confirms the authentication really happened (curl
// skips AUTH silently when the server does not offer it), and closes the connection. Errors are the
// ones users see on the form: Unauthenticated for a wrong username or password, Unavailable when
// the server cannot be reached, trusted or does not offer what mail_mcp requires (STARTTLS, AUTH).
//
// Thread-safety: each call uses its own curl handle; any number may run in parallel.
#pragma once

#include "net/mail_account.h"
#include "util/status.h"

namespace mail_mcp {

/// Authenticates (SMTP AUTH) to servers.smtp_* with smtp_username/smtp_password. A server that
/// accepts the session without offering AUTH fails the check: we could not verify the password and
/// could not send mail through it either.
Status CheckSmtpLogin(const MailAccount& account, const MailConnectOptions& options);

}  // namespace mail_mcp
