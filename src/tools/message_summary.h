// The JSON shape of a message summary, shared by list_mail_messages, search_mail_messages and
// get_mail_message, and the header fields they all read.
//
// The header fields come from the message's own header block (BODY.PEEK[HEADER.FIELDS (...)]),
// read by mime/message_headers.h the way mail clients read them, not from IMAP's ENVELOPE (see
// there why). `date` is the sender's Date: field (null when it is missing or unreadable: the
// delivery time is not the time the sender wrote); `received_at` is the server's INTERNALDATE.
//
// Thread-safety: pure functions.
#pragma once

#include <picojson.h>

#include <map>
#include <string>
#include <vector>

#include "imap/imap_bodystructure.h"
#include "imap/imap_fetch.h"
#include "mime/message_headers.h"

namespace mail_mcp {

/// The FETCH items a summary needs; one round trip per page.
extern const char kSummaryFetchItems[];
/// What a summary FETCH of `messages` messages may answer: generous per message (an envelope and a
/// body structure are a few KiB; 256 KiB allows hundreds of parts), and no more, so that a server
/// answering with megabytes of literal costs a page of summaries that much memory at most.
size_t SummaryResponseBytes(size_t messages);
/// The FETCH items get_mail_message needs before it fetches any body part (Bcc and References too).
extern const char kFullFetchItems[];

/// The header fields of a message fetched with one of the item lists above (all empty without them).
MessageHeaders HeadersOf(const FetchedMessage& m);

picojson::value AddressesJson(const std::vector<MailAddress>& list);
/// Puts message_id, in_reply_to, subject, from, sender, reply_to, to and cc of `h` into `o`.
void PutHeaderFields(const MessageHeaders& h, picojson::object* o);
/// `{uid, message_id, in_reply_to, subject, from, sender, reply_to, to, cc, date, received_at, size,
/// flags, has_attachments}`.
picojson::object SummarizeMessage(const FetchedMessage& m);
/// The JSON Schema of one summary (for outputSchema).
picojson::value SummarySchema();

/// A part's parameters with RFC 2231 continuations and encodings resolved (filename, name, charset).
std::map<std::string, std::string> DecodedParams(const std::map<std::string, std::string>& raw);
/// The attachment's file name: disposition filename, else Content-Type name; "" when none.
std::string PartFilename(const BodyPart& part);

}  // namespace mail_mcp
