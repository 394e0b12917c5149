#include "tools/folder_admin.h"

#include "tools/upstream_error.h"
#include "util/ascii.h"

namespace mail_mcp {

StatusOr<MailboxInfo> FindMailbox(ImapSession& imap, const std::string& name) {
  auto boxes = ListMailboxes(imap);
  if (!boxes.ok()) return boxes.status();
  const bool inbox = EqualsIgnoreCase(name, "INBOX");
  for (MailboxInfo& m : *boxes)
    if (m.name == name || (inbox && m.wire_name == "INBOX")) return std::move(m);
  return Status::NotFound("no folder named '" + name + "' (list_mailboxes shows the names)");
}

Status RefuseProtectedFolder(const MailboxInfo& box, const char* verb) {
  if (box.wire_name == "INBOX") return Status::PermissionDenied(std::string("INBOX cannot be ") + verb + "d");
  if (!box.special_use.empty())
    return Status::PermissionDenied("'" + box.name + "' is the account's " + box.special_use.substr(1) +
                                    " folder (SPECIAL-USE " + box.special_use +
                                    "); mail clients depend on it, so it "
                                    "cannot be " +
                                    verb + "d here");
  return Status::OK();
}

StatusOr<MailboxInfo> FolderToChange(ImapSession& imap, const std::string& name, const char* verb) {
  auto box = FindMailbox(imap, name);
  if (!box.ok() && box.status().code() != Status::Code::kNotFound)
    return Status::Error(box.status().code(), ImapFailure(box.status().message()));
  if (box.ok())
    if (Status s = RefuseProtectedFolder(*box, verb); !s.ok()) return s;
  return box;
}

StatusOr<std::vector<std::string>> SubscribedFolders(ImapSession& imap) {
  const bool extended = imap.HasCapability("LIST-EXTENDED");
  ImapCommand list(extended ? "LIST" : "LSUB");
  if (extended) list.Raw("(SUBSCRIBED)");
  list.String("").String("*");
  auto r = imap.RunOk(list);
  if (!r.ok()) return r.status();
  // LSUB responses have LIST's shape (RFC 3501 §7.2.3): read them as LIST.
  for (ImapResponse& u : r->untagged)
    if (!u.values.empty() && u.values[0].IsAtom("LSUB")) u.values[0].text = "LIST";
  auto boxes = ParseListResponses(r->untagged);
  if (!boxes.ok()) return boxes.status();
  std::vector<std::string> names;
  for (const MailboxInfo& m : *boxes) names.push_back(m.name);
  return names;
}

Status LeaveFolder(ImapSession& imap, const std::string& name) {
  const MailboxState* selected = imap.selected();
  if (!selected || selected->name != name) return Status::OK();
  auto inbox = imap.Examine("INBOX");
  return inbox.ok() ? Status::OK() : inbox.status();
}

Status Subscribe(ImapSession& imap, const std::string& name, bool subscribe) {
  ImapCommand command(subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE");
  command.Mailbox(name);
  auto r = imap.RunOk(command);
  return r.ok() ? Status::OK() : r.status();
}

}  // namespace mail_mcp
