// Download links for a message's attachments, for get_mail_message.
//
// Each attachment is published to the AttachmentStore under its identity (account, folder,
// UIDVALIDITY, UID, part); the store HEADs first, so the part's bytes are fetched from IMAP
// (BODY.PEEK, one part at a time, never setting \Seen) and uploaded only the first time. A store
// that cannot be reached costs the attachment its link, never the message: the entry carries
// `error` instead of `url`.
//
// Thread-safety: not thread-safe (uses the caller's IMAP session).
#pragma once

#include <picojson.h>

#include <cstdint>
#include <string>

#include "imap/imap_bodystructure.h"
#include "imap/imap_session.h"
#include "net/mail_account.h"
#include "store/attachment_store.h"

namespace mail_mcp {

/// Parts larger than this (as encoded on the server) are listed without a link.
constexpr uint64_t kMaxPublishedPartBytes = 40u << 20;

/// Which message the parts belong to.
struct AttachmentSource {
  const MailAccount* account = nullptr;
  std::string folder;
  uint32_t uidvalidity = 0;
  uint32_t uid = 0;
};

/// Adds `url` and `expires_at` (ISO 8601), or `error`, to the attachment entry `entry` for `part`,
/// downloading as `info`.
void AddAttachmentLink(ImapSession& imap, const AttachmentStore& store, const AttachmentSource& source,
                       const BodyPart& part, const ObjectInfo& info, picojson::object* entry);

}  // namespace mail_mcp
