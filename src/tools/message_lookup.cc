#include "tools/message_lookup.h"

#include "imap/imap_fetch.h"
#include "tools/upstream_error.h"

namespace mail_mcp {

StatusOr<ImapLease> OpenImap(const MailContext& ctx, std::string_view folder) {
  return ctx.imap_pool ? ctx.imap_pool->Acquire(*ctx.account, *ctx.connect, folder)
                       : ImapSessionPool::Unpooled(*ctx.account, *ctx.connect);
}

StatusOr<MailboxState> OpenFolder(ImapSession& imap, const std::string& folder, bool writable) {
  if (!imap.connected())
    if (Status s = imap.Connect(); !s.ok()) return Status::Error(s.code(), ImapFailure(s.message()));
  auto box = imap.OpenMailbox(folder, writable ? MailboxAccess::kWrite : MailboxAccess::kRead);
  if (!box.ok())
    return Status::Error(box.status().code(),
                         ImapFailure("cannot open folder '" + folder + "': " + box.status().message()));
  return box;
}

StatusOr<std::vector<std::string>> FetchFlags(ImapSession& imap, uint32_t uid, const std::string& folder) {
  ImapCommand fetch("UID FETCH");
  fetch.Number(uid).Raw("(UID FLAGS)");
  auto r = imap.RunOk(fetch);
  if (!r.ok()) return r.status();
  auto fetched = ParseFetchResponses(r->untagged);
  if (!fetched.ok()) return fetched.status();
  for (const FetchedMessage& m : *fetched)
    if (m.uid == uid) return m.flags.value_or(std::vector<std::string>{});
  return Status::NotFound("Message not found: no message with uid " + std::to_string(uid) + " in '" + folder + "'");
}

Status SelectMessage(ImapSession& imap, const std::string& folder, uint32_t uid) {
  if (auto box = OpenFolder(imap, folder, /*writable=*/true); !box.ok()) return box.status();
  if (auto flags = FetchFlags(imap, uid, folder); !flags.ok()) return flags.status();
  return Status::OK();
}

Status StoreFlags(ImapSession& imap, uint32_t uid, const char* op, const std::vector<std::string>& flags) {
  if (flags.empty()) return Status::OK();
  ImapCommand store("UID STORE");
  store.Number(uid).Atom(op).Atom("(");
  for (const auto& f : flags) store.Atom(f);
  store.Atom(")");
  auto r = imap.RunOk(store);
  return r.ok() ? Status::OK() : r.status();
}

}  // namespace mail_mcp
