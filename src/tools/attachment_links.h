// Download links for a message's attachments, for get_mail_message.
//
// Each attachment is published to the AttachmentStore under its identity (account, folder,
// UIDVALIDITY, UID, part); the store HEADs first, so the part's bytes are fetched (from IMAP with
// BODY.PEEK, one part at a time, never setting \Seen; or, for a message split by our own parser,
// from memory) and uploaded only the first time. Either way the store knows the object's size,
// which is the attachment's exact decoded size. A store that cannot be reached costs the
// attachment its link, never the message: the entry carries `error` instead of `url`.
//
// Thread-safety: not thread-safe (uses the caller's IMAP session).
#pragma once

#include <picojson.h>

#include <cstdint>
#include <functional>
#include <optional>
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

/// Supplies an attachment's decoded bytes, called only when the store does not have them yet.
using PartBytes = std::function<StatusOr<std::string>()>;

/// The decoded bytes of `part`, fetched from the server (BODY.PEEK, never setting \Seen).
PartBytes ServerPartBytes(ImapSession& imap, uint32_t uid, const BodyPart& part);

/// Adds `url` and `expires_at` (ISO 8601), or `error`, to the attachment entry `entry` for the part
/// that `part_key` names within `source` (its section number; anything unique for parts that are
/// not the server's), downloading as `info`. `encoded_size` bounds what is published. Returns the
/// stored object's size in bytes when the store knows it (the decoded size, exactly).
std::optional<uint64_t> AddAttachmentLink(const AttachmentStore& store, const AttachmentSource& source,
                                          const std::string& part_key, uint64_t encoded_size, const ObjectInfo& info,
                                          const PartBytes& bytes, picojson::object* entry);

}  // namespace mail_mcp
