// Download links for a message's attachments, for get_mail_message.
//
// Each attachment is published to the AttachmentStore under its identity (account, folder,
// UIDVALIDITY, UID, part); the store HEADs first, so the part's bytes are fetched (from IMAP with
// BODY.PEEK, one part at a time, never setting \Seen; or, for a message split by our own parser,
// from memory) and uploaded only the first time. Either way the store knows the object's size,
// which is the attachment's exact decoded size. A store that cannot be reached costs the
// attachment its link, never the message: the entry carries `error` instead of `url`.
//
// A store that hangs must not cost the message either. Its round trips would take the store's
// own timeout (60 s) per attachment, one after another, and MCP clients give up on a call after
// 60 s. So all of a message's attachments are published under one overall budget (the store's
// publish_budget, ATTACHMENT_PUBLISH_TIMEOUT_MS): the HEADs run concurrently, then the parts that
// must be written are fetched from IMAP one at a time (the session is not shared) and written, each
// store call bounded by the budget's deadline; what is not done by then gets an error.
//
// Thread-safety: not thread-safe (uses the caller's IMAP session); the helper threads it starts
// touch only the store (thread-safe) and their own result slot, and are joined before it returns.
#pragma once

#include <picojson.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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

/// The decoded bytes of `part`, fetched from the server (BODY.PEEK, never setting \Seen). `imap`
/// and `part` must outlive the returned function.
PartBytes ServerPartBytes(ImapSession& imap, uint32_t uid, const BodyPart& part);

/// One attachment to publish: the key naming its part within the source (its section number;
/// anything unique for parts that are not the server's), its encoded size (which bounds what is
/// published), how it downloads, where its bytes come from, and the list entry that gets the link.
struct AttachmentToPublish {
  std::string part_key;
  uint64_t encoded_size = 0;
  ObjectInfo info;
  PartBytes bytes;
  picojson::object* entry = nullptr;
};

/// Adds `url` and `expires_at` (ISO 8601), or `error`, to each item's entry, within the store's
/// publish budget (plus at most one fetch, when one is under way at the end). Returns, for each
/// item, the stored object's size in bytes when the store knows it (the decoded size, exactly).
std::vector<std::optional<uint64_t>> AddAttachmentLinks(const AttachmentStore& store, const AttachmentSource& source,
                                                        const std::vector<AttachmentToPublish>& items);

}  // namespace mail_mcp
