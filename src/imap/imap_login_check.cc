#include "imap/imap_login_check.h"

#include "imap/imap_session.h"

namespace mail_mcp {

Status CheckImapLogin(const MailAccount& account, const MailConnectOptions& options) {
  if (account.imap_username.empty()) return Status::InvalidArgument("the IMAP username is empty");
  // Connect() is TLS + LOGIN; the destructor logs out.
  ImapSession imap(account, options, /*max_response_bytes=*/1 << 20);
  return imap.Connect();
}

}  // namespace mail_mcp
