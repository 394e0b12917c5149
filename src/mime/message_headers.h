// The header fields a reader sees above a message (subject, sender, recipients, date, ids), read
// from the message's own header block the way mail clients read it.
//
// IMAP's ENVELOPE is not used for these: servers merge or pick among duplicate fields (Dovecot joins
// two From fields into one list and keeps the *last* Subject and Date), fill missing address parts
// with placeholders ("foo@MISSING_DOMAIN", "MISSING_MAILBOX") and hand a quoted local part over
// without its quotes. Here the first occurrence of each field counts, as in mail clients; addresses
// come from mime/address_list.h, text from mime/encoded_words.h, the date from mime/mail_date.h.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mime/address_list.h"
#include "mime/message.h"

namespace mail_mcp {

struct MessageHeaders {
  std::string subject;                                           // decoded UTF-8; "" when absent
  std::vector<MailAddress> from, sender, reply_to, to, cc, bcc;  // empty when the field is absent
  std::optional<std::string> date;      // ISO 8601 with the sender's offset; nullopt when absent or unparseable
  std::string message_id, in_reply_to;  // as written, trimmed ("<id@host>"); valid UTF-8
  std::string references;               // message ids separated by single spaces; valid UTF-8
};

/// The fields of `part`'s header block: a whole message, or a header section fetched alone.
MessageHeaders ReadMessageHeaders(const MimePart& part);

}  // namespace mail_mcp
