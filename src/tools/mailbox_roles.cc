#include "tools/mailbox_roles.h"

#include "imap/mailbox_list.h"
#include "util/ascii.h"

namespace mail_mcp {

StatusOr<std::string> FindRoleFolder(ImapSession& imap, const std::string& role, const std::string& fallback) {
  auto boxes = ListMailboxes(imap);
  if (!boxes.ok()) return boxes.status();
  for (const MailboxInfo& m : *boxes)
    if (m.selectable && EqualsIgnoreCase(m.special_use, role)) return m.name;
  for (const MailboxInfo& m : *boxes)
    if (m.selectable && EqualsIgnoreCase(m.name, fallback)) return m.name;
  return Status::NotFound("no " + role.substr(1) + " folder on this account (no SPECIAL-USE " + role +
                          " and no folder named '" + fallback + "')");
}

}  // namespace mail_mcp
