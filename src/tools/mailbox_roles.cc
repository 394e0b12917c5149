#include "tools/mailbox_roles.h"

#include <strings.h>

#include "imap/mailbox_list.h"

namespace mail_mcp {

StatusOr<std::string> FindRoleFolder(ImapSession& imap, const std::string& role, const std::string& fallback) {
  auto boxes = ListMailboxes(imap);
  if (!boxes.ok()) return boxes.status();
  for (const MailboxInfo& m : *boxes)
    if (m.selectable && strcasecmp(m.special_use.c_str(), role.c_str()) == 0) return m.name;
  for (const MailboxInfo& m : *boxes)
    if (m.selectable && strcasecmp(m.name.c_str(), fallback.c_str()) == 0) return m.name;
  return Status::NotFound("no " + role.substr(1) + " folder on this account (no SPECIAL-USE " + role +
                          " and no folder named '" + fallback + "')");
}

}  // namespace mail_mcp
