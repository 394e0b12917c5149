#include "tools/message_lookup.h"

#include "mail/imap_fetch.h"

namespace mail_mcp {

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

}  // namespace mail_mcp
