// Building an outgoing RFC 5322 / MIME message from what an assistant asked to send.
//
// ComposeMessage validates every input that reaches a header (no CR, LF, NUL or other control
// characters, addresses as strict addr-specs, message ids in angle brackets) and refuses rather
// than repairs, so no input can inject a header or a recipient. The result is CRLF text with lines
// of at most 78 characters wherever the encoding allows and never more than 998: RFC 2047 encoded
// words for non-ASCII names and subjects, quoted-printable text, base64 attachments. The structure
// is the one every client renders: text/plain alone; multipart/alternative (text, then html) when
// there is html; multipart/mixed (that body, then the attachments) when there are attachments.
// Bcc recipients are in envelope_recipients only, never in the headers.
//
// Thread-safety: pure apart from the CSPRNG (Message-ID, boundaries) and the clock when
// date_unix is 0; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mime/address_list.h"
#include "util/status.h"

namespace mail_mcp {

struct OutgoingAttachment {
  std::string filename;      // UTF-8, required
  std::string content_type;  // "type/subtype"; "" means application/octet-stream
  std::string data;          // raw bytes
  /// `data` is a whole message to attach as message/rfc822 (MessageEntity); content_type is ignored.
  bool embedded_message = false;
};

struct ComposeRequest {
  std::string from_name, from_email;          // from the user's token
  std::vector<MailAddress> to, cc, bcc;       // at least one recipient in all, unless is_draft
  bool is_draft = false;                      // a draft may be saved before its recipients are known
  std::string subject, text_body, html_body;  // UTF-8; html optional
  std::vector<OutgoingAttachment> attachments;
  std::string in_reply_to;  // "<id@host>" or ""
  std::string references;   // space-separated ids or ""; defaults to in_reply_to
  int64_t date_unix = 0;    // 0 means now
};

struct ComposedMessage {
  std::string message_id;                        // "<random@sender-domain>"
  std::string bytes;                             // the whole message, CRLF line endings
  std::vector<std::string> envelope_recipients;  // to + cc + bcc, deduplicated ignoring case
};

constexpr size_t kMaxSubjectBytes = 2000;
constexpr size_t kMaxAttachments = 50;
/// Bound on bodies plus attachments before encoding (most providers cap mail at 25-35 MB encoded).
constexpr size_t kMaxComposeBytes = 25u << 20;

StatusOr<ComposedMessage> ComposeMessage(const ComposeRequest& request);

/// `unix_seconds` as an RFC 5322 date in UTC: "Fri, 27 Nov 2026 09:39:27 +0000".
std::string FormatRfc5322Date(int64_t unix_seconds);

}  // namespace mail_mcp
