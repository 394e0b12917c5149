// The JSON shape of a message summary, shared by list_mail_messages and search_mail_messages, and
// the BODYSTRUCTURE walks both the summaries and get_mail_message need.
//
// Envelope fields arrive raw from IMAP (RFC 2047 words, 8-bit bytes); everything here is decoded to
// UTF-8 once, so every tool reports names and subjects the same way.
//
// Thread-safety: pure functions.
#pragma once

#include <picojson.h>

#include <string>
#include <vector>

#include "imap/imap_bodystructure.h"
#include "imap/imap_envelope.h"
#include "imap/imap_fetch.h"

namespace mail_mcp {

/// The FETCH items a summary needs; one round trip per page.
extern const char kSummaryFetchItems[];
/// What a summary FETCH of `messages` messages may answer: generous per message (an envelope and a
/// body structure are a few KiB; 256 KiB allows hundreds of parts), and no more, so that a server
/// answering with megabytes of literal costs a page of summaries that much memory at most.
size_t SummaryResponseBytes(size_t messages);

picojson::value AddressesJson(const std::vector<ImapAddress>& list);
/// `{uid, message_id, in_reply_to, subject, from, sender, reply_to, to, cc, date, size, flags, has_attachments}`.
picojson::object SummarizeMessage(const FetchedMessage& m);
/// The JSON Schema of one summary (for outputSchema).
picojson::value SummarySchema();

/// Leaf parts that are attachments (named, `Content-Disposition: attachment`, non-text, or a whole
/// forwarded message/rfc822), in document order. Body text and multipart containers are not.
std::vector<const BodyPart*> AttachmentParts(const BodyPart& root);
/// The first non-attachment text/plain and text/html parts (nullptr when absent).
void FindTextParts(const BodyPart& root, const BodyPart** plain, const BodyPart** html);
/// A part's parameters with RFC 2231 continuations and encodings resolved (filename, name, charset).
std::map<std::string, std::string> DecodedParams(const std::map<std::string, std::string>& raw);
/// The attachment's file name: disposition filename, else Content-Type name; "" when none.
std::string PartFilename(const BodyPart& part);
std::string MessageIdText(const std::string& raw);
/// The References header of a message fetched with BODY.PEEK[HEADER.FIELDS (REFERENCES)]: its
/// message ids separated by single spaces, "" when absent.
std::string ReferencesOf(const FetchedMessage& m);

}  // namespace mail_mcp
