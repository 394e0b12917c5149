#include "compose/message_builder.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>
#include <string_view>

#include "compose/address_validation.h"
#include "compose/header_writer.h"
#include "compose/mime_parts.h"
#include "compose/threading.h"
#include "crypto/random.h"
#include "mime/html_to_text.h"
#include "util/ascii.h"
#include "util/calendar.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

constexpr size_t kMaxReferenceIds = 100;

Status CheckMailbox(const MailAddress& a, const std::string& field) {
  if (Status s = CheckHeaderInput(a.name, field + " name"); !s.ok()) return s;
  if (a.name.size() > kMaxDisplayNameBytes) return Status::InvalidArgument(field + " name is too long");
  if (Status s = CheckHeaderInput(a.address, field + " address"); !s.ok()) return s;
  if (Status s = ValidateEmailAddress(a.address); !s.ok()) return Status::InvalidArgument(field + ": " + s.message());
  return Status::OK();
}

Status CheckRecipients(const ComposeRequest& r) {
  const std::pair<const std::vector<MailAddress>*, const char*> lists[] = {
      {&r.to, "to"}, {&r.cc, "cc"}, {&r.bcc, "bcc"}};
  for (const auto& [list, field] : lists) {
    if (list->size() > kMaxRecipients) return Status::InvalidArgument(std::string("too many ") + field + " recipients");
    for (const MailAddress& a : *list)
      if (Status s = CheckMailbox(a, field); !s.ok()) return s;
  }
  if (r.to.empty() && r.cc.empty() && r.bcc.empty() && !r.is_draft)
    return Status::InvalidArgument("the message needs at least one recipient (to, cc or bcc)");
  return Status::OK();
}

/// The References ids, validated; defaults to In-Reply-To as RFC 5322 §3.6.4 prescribes.
StatusOr<std::vector<std::string>> ReferenceIds(const ComposeRequest& r) {
  if (Status s = CheckHeaderInput(r.references, "references"); !s.ok()) return s;
  std::vector<std::string> ids;
  size_t pos = 0;
  while ((pos = r.references.find_first_not_of(" \t", pos)) != std::string::npos) {
    const size_t end = std::min(r.references.find_first_of(" \t", pos), r.references.size());
    ids.push_back(r.references.substr(pos, end - pos));
    if (Status s = ValidateMessageId(ids.back(), "references"); !s.ok()) return s;
    pos = end;
  }
  if (ids.size() > kMaxReferenceIds) return Status::InvalidArgument("references has too many ids");
  if (ids.empty() && !r.in_reply_to.empty()) ids.push_back(r.in_reply_to);
  return ids;
}

Status CheckContent(const ComposeRequest& r) {
  if (!IsValidUtf8(r.text_body)) return Status::InvalidArgument("text_body is not valid UTF-8");
  if (!IsValidUtf8(r.html_body)) return Status::InvalidArgument("html_body is not valid UTF-8");
  if (r.attachments.size() > kMaxAttachments)
    return Status::InvalidArgument("too many attachments (at most " + std::to_string(kMaxAttachments) + ")");
  size_t total = r.text_body.size() + r.html_body.size();
  for (const OutgoingAttachment& a : r.attachments) {
    if (a.filename.empty()) return Status::InvalidArgument("attachment filename is empty");
    if (Status s = CheckHeaderInput(a.filename, "attachment filename"); !s.ok()) return s;
    if (a.filename.size() > kMaxFilenameBytes) return Status::InvalidArgument("attachment filename is too long");
    if (Status s = CheckHeaderInput(a.content_type, "attachment content_type"); !s.ok()) return s;
    total += a.data.size();
  }
  if (total > kMaxComposeBytes)
    return Status::ResourceExhausted("message too large (bodies and attachments over 25 MiB)");
  return Status::OK();
}

std::vector<std::string> EnvelopeRecipients(const ComposeRequest& r) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto* list : {&r.to, &r.cc, &r.bcc})
    for (const MailAddress& a : *list)
      if (seen.insert(ToLowerAscii(a.address)).second) out.push_back(a.address);
  return out;
}

StatusOr<MimeEntity> BodyEntity(const ComposeRequest& r) {
  MimeEntity body;
  if (r.html_body.empty()) {
    body = TextEntity("plain", r.text_body);
  } else {
    // Readers without HTML (and spam filters) expect a real text alternative.
    const std::string text = r.text_body.empty() ? HtmlToText(r.html_body) : r.text_body;
    body = MultipartEntity("alternative", {TextEntity("plain", text), TextEntity("html", r.html_body)});
  }
  if (r.attachments.empty()) return body;
  std::vector<MimeEntity> parts = {std::move(body)};
  for (const OutgoingAttachment& a : r.attachments) {
    if (a.embedded_message) {
      parts.push_back(MessageEntity(a.filename, a.data));
      continue;
    }
    StatusOr<std::string> type = NormalizeAttachmentType(a.content_type);
    if (!type.ok()) return type.status();
    parts.push_back(AttachmentEntity(a.filename, *type, a.data));
  }
  return MultipartEntity("mixed", parts);
}

}  // namespace

std::string FormatRfc5322Date(int64_t unix_seconds) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  const time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[64];
  snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday % 7], tm.tm_mday,
           MonthAbbrev(tm.tm_mon % 12 + 1), tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

StatusOr<ComposedMessage> ComposeMessage(const ComposeRequest& r) {
  if (Status s = CheckMailbox({r.from_name, r.from_email}, "from"); !s.ok()) return s;
  if (Status s = CheckRecipients(r); !s.ok()) return s;
  if (Status s = CheckHeaderInput(r.subject, "subject"); !s.ok()) return s;
  if (r.subject.size() > kMaxSubjectBytes) return Status::InvalidArgument("subject is too long");
  if (!r.in_reply_to.empty())
    if (Status s = ValidateMessageId(r.in_reply_to, "in_reply_to"); !s.ok()) return s;
  StatusOr<std::vector<std::string>> references = ReferenceIds(r);
  if (!references.ok()) return references.status();
  if (Status s = CheckContent(r); !s.ok()) return s;
  if (r.date_unix < 0 || r.date_unix > 253402300799) return Status::InvalidArgument("date is out of range");

  StatusOr<MimeEntity> body = BodyEntity(r);
  if (!body.ok()) return body.status();

  ComposedMessage m;
  const std::string domain = ToLowerAscii(r.from_email.substr(r.from_email.rfind('@') + 1));
  m.message_id = "<" + RandomHex(16) + "@" + domain + ">";
  m.envelope_recipients = EnvelopeRecipients(r);

  std::string& out = m.bytes;
  out = "Date: " + FormatRfc5322Date(r.date_unix != 0 ? r.date_unix : static_cast<int64_t>(time(nullptr))) + "\r\n";
  out += AddressHeader("From", {{r.from_name, r.from_email}});
  if (!r.to.empty()) out += AddressHeader("To", r.to);
  // RFC 5322 allows no To, but some servers and clients balk; this is the conventional empty group.
  else if (r.cc.empty() && !r.bcc.empty()) out += "To: undisclosed-recipients:;\r\n";
  if (!r.cc.empty()) out += AddressHeader("Cc", r.cc);
  out += UnstructuredHeader("Subject", r.subject);
  out += "Message-ID: " + m.message_id + "\r\n";
  if (!r.in_reply_to.empty()) out += "In-Reply-To: " + r.in_reply_to + "\r\n";
  if (!references->empty()) {
    FoldedHeader h("References");
    for (const std::string& id : *references) h.Add(id);
    out += h.Finish();
  }
  out += "MIME-Version: 1.0\r\n";
  out += SerializeEntity(*body);
  if (out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return m;
}

}  // namespace mail_mcp
