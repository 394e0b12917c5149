// What the tools make of IMAP responses: FETCH items with ENVELOPE and BODYSTRUCTURE
// (src/imap/imap_fetch.h, imap_envelope.h, imap_bodystructure.h), SEARCH/ESEARCH, LIST with its
// modified UTF-7 names (mailbox_list.h, imap_utf7.h), the UIDPLUS codes, the message summary
// the list and search tools return (src/tools/message_summary.h) and the layout get_mail_message
// reads a message by (src/tools/message_layout.h).
//
// The input is a server's responses. Each summary must conform to the summary schema the tools
// publish as outputSchema (clients validate structuredContent against it), every BODYSTRUCTURE
// walk must terminate, the layout must show each leaf at most once (text or attachment) and put a
// digest heading only over a shown text part, under an attached message that is listed. Seeds:
// tests/fuzz/corpus/imap_fetch (FETCH, LIST and SEARCH responses from the unit tests and from Dovecot).
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "imap/imap_fetch.h"
#include "imap/imap_response.h"
#include "imap/imap_utf7.h"
#include "imap/mailbox_list.h"
#include "mcp/schema_validator.h"
#include "tools/message_layout.h"
#include "tools/message_summary.h"
#include "util/utf8.h"

using namespace mail_mcp;

namespace {

void WalkParts(const BodyPart& part) {
  (void)PartFilename(part);
  for (const BodyPart& child : part.children) WalkParts(child);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The responses that parse, as the session would collect them before a malformed one.
  std::vector<ImapResponse> responses;
  ImapResponseReader reader;
  reader.Append(fuzz::AsView(data, size));
  for (;;) {
    ImapResponse r;
    auto next = reader.Next(&r);
    if (!next.ok() || !*next) break;
    responses.push_back(std::move(r));
  }

  static const picojson::value summary_schema = SummarySchema();
  if (auto fetched = ParseFetchResponses(responses); fetched.ok()) {
    for (const FetchedMessage& m : *fetched) {
      picojson::value summary(SummarizeMessage(m));
      FUZZ_CHECK(ValidateJson(summary_schema, summary, "summary").ok(), "a summary does not match its schema");
      const MessageHeaders headers = HeadersOf(m);
      FUZZ_CHECK(IsValidUtf8(headers.subject) && IsValidUtf8(headers.references), "a header field is not UTF-8");
      if (m.body) {
        WalkParts(*m.body);
        const MessageLayout layout = LayOutMessage(*m.body);
        std::set<const BodyPart*> shown;
        for (const auto* list : {&layout.text, &layout.attachments})
          for (const BodyPart* p : *list) FUZZ_CHECK(shown.insert(p).second, "a part is shown twice");
        for (const BodyPart* p : layout.html)
          FUZZ_CHECK(p->subtype == "html", "a part of the message's HTML is not text/html");
        for (const auto& [text, message] : layout.headings)
          FUZZ_CHECK(std::count(layout.text.begin(), layout.text.end(), text) == 1 && message->is_message() &&
                         shown.count(message) == 1,
                     "a digest heading is not over a shown text part, or not of an attached message");
      }
    }
  }
  (void)ParseSearchResponses(responses, 1 << 16);
  if (auto boxes = ParseListResponses(responses); boxes.ok()) {
    for (const MailboxInfo& box : *boxes) {
      FUZZ_CHECK(IsValidUtf8(box.name), "a mailbox name is not UTF-8");
      // The decoder accepts only the canonical spelling: each name has exactly one wire form.
      if (auto decoded = DecodeImapUtf7(box.wire_name)) {
        auto again = EncodeImapUtf7(*decoded);
        FUZZ_CHECK(again && *again == box.wire_name, "a decoded mailbox name does not encode back to its wire name");
      }
    }
  }
  std::vector<ImapResponse> untagged;
  for (const ImapResponse& r : responses) {
    if (r.kind == ImapResponse::Kind::kUntagged) untagged.push_back(r);
    (void)ParseAppendUid(r.text, 1 << 16);
  }
  std::string tagged_text = responses.empty() ? "" : responses.back().text;
  if (auto copy = FindCopyUid(untagged, tagged_text, 1 << 16); copy) {
    FUZZ_CHECK(copy->source_uids.size() == copy->dest_uids.size(), "COPYUID sets of different sizes were accepted");
    (void)CompressSequenceSet(copy->dest_uids);
  }
  return 0;
}
