#include "imap/imap_login_check.h"

#include <memory>

#include "imap/imap_session.h"

namespace mail_mcp {

Status CheckImapLogin(const MailAccount& account, const MailConnectOptions& options, ImapSessionPool* pool) {
  if (account.imap_username.empty()) return Status::InvalidArgument("the IMAP username is empty");
  // Connect() is TLS + LOGIN. A session kept for tool calls reads whole messages; one that only
  // proves the login needs little room for responses.
  auto session = pool ? std::make_unique<ImapSession>(account, options)
                      : std::make_unique<ImapSession>(account, options, /*max_response_bytes=*/1 << 20);
  if (Status s = session->Connect(); !s.ok()) return s;
  if (pool) pool->Donate(account, std::move(session));
  return Status::OK();  // without a pool, the destructor logs out
}

}  // namespace mail_mcp
