// The MIME layer on whole messages (src/mime/message.h): what get_mail_message does with the bytes
// of a message it fetched, from the header block to the text of each part.
//
// The input is a raw message. Every part's text and every decoded header must be valid UTF-8;
// every part must be found again by its number; HTML parts go through RenderHtml; the header
// fields the read tools show (mime/message_headers.h) are UTF-8 and their date is ISO 8601. Seeds:
// tests/fuzz/corpus/mime_message (messages from the unit and integration tests).
#include <string>

#include "fuzz_support.h"
#include "mime/address_list.h"
#include "mime/encoded_words.h"
#include "mime/html_to_text.h"
#include "mime/mail_date.h"
#include "mime/message.h"
#include "mime/message_headers.h"
#include "util/utf8.h"

using namespace mail_mcp;

namespace {

void Walk(const MimePart& root, const MimePart& part, size_t* parts) {
  ++*parts;
  FUZZ_CHECK(FindPart(root, part.part_id) != nullptr, "a part is not found by its own number");
  FUZZ_CHECK(IsValidUtf8(part.filename), "a filename is not UTF-8");
  for (const auto& [name, value] : part.type_params)
    if (name != "boundary") FUZZ_CHECK(IsValidUtf8(value), "a Content-Type parameter is not UTF-8");
  FUZZ_CHECK(IsValidUtf8(DecodeHeaderText(GetHeader(part, "Subject"))), "a decoded subject is not UTF-8");
  for (const char* field : {"From", "To", "Cc", "Reply-To"}) {
    for (const MailAddress& a : ParseAddressList(GetHeader(part, field)))
      FUZZ_CHECK(IsValidUtf8(a.name), "a display name is not UTF-8");
  }
  (void)Rfc5322DateToIso(GetHeader(part, "Date"));
  if (part.children.empty()) {
    std::string text = PartText(part);
    FUZZ_CHECK(IsValidUtf8(text), "a part's text is not UTF-8");
    if (part.content_type == "text/html")
      FUZZ_CHECK(IsValidUtf8(RenderHtml(text).text), "RenderHtml output is not UTF-8");
  }
  for (const MimePart& child : part.children) Walk(root, child, parts);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto message = ParseMimeMessage(fuzz::AsView(data, size));
  if (!message.ok()) return 0;
  size_t parts = 0;
  Walk(*message, *message, &parts);
  const MessageHeaders h = ReadMessageHeaders(*message);
  FUZZ_CHECK(IsValidUtf8(h.subject) && IsValidUtf8(h.message_id) && IsValidUtf8(h.references),
             "a header field the tools show is not UTF-8");
  for (const auto* list : {&h.from, &h.sender, &h.reply_to, &h.to, &h.cc, &h.bcc})
    for (const MailAddress& a : *list)
      FUZZ_CHECK(IsValidUtf8(a.name) && IsValidUtf8(a.address), "an address is not UTF-8");
  FUZZ_CHECK(!h.date || h.date->size() == 25, "a date is not ISO 8601 with an offset");
  // Embedded message roots share their container's number, so a message holds at most about
  // twice kMaxMimeParts parts.
  FUZZ_CHECK(parts <= 2 * kMaxMimeParts + 2, "more parts than the parser's bound");
  return 0;
}
