#include "mime/message_headers.h"

#include "mime/charset.h"
#include "mime/encoded_words.h"
#include "mime/mail_date.h"
#include "util/ascii.h"

namespace mail_mcp {

namespace {

std::vector<MailAddress> Addresses(const MimePart& part, std::string_view name) {
  const std::string* v = FindHeader(part, name);
  return v ? ParseAddressList(*v) : std::vector<MailAddress>{};
}

/// An id field as written, trimmed; raw 8-bit bytes are read as in any unencoded header text.
std::string Trimmed(const MimePart& part, std::string_view name) {
  const std::string* v = FindHeader(part, name);
  return v ? GuessToUtf8(Trim(UnfoldHeader(*v))) : std::string();
}

}  // namespace

MessageHeaders ReadMessageHeaders(const MimePart& part) {
  MessageHeaders h;
  // FindHeader returns the first field of a name: what mail clients show when a message has two.
  if (const std::string* subject = FindHeader(part, "Subject")) h.subject = DecodeHeaderText(*subject);
  if (const std::string* date = FindHeader(part, "Date")) h.date = Rfc5322DateToIso(*date);
  h.from = Addresses(part, "From");
  h.sender = Addresses(part, "Sender");
  h.reply_to = Addresses(part, "Reply-To");
  h.to = Addresses(part, "To");
  h.cc = Addresses(part, "Cc");
  h.bcc = Addresses(part, "Bcc");
  h.message_id = Trimmed(part, "Message-ID");
  h.in_reply_to = Trimmed(part, "In-Reply-To");
  if (const std::string* refs = FindHeader(part, "References"))
    h.references = GuessToUtf8(CollapseWhitespace(UnfoldHeader(*refs)));
  return h;
}

}  // namespace mail_mcp
