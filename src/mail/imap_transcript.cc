#include "mail/imap_transcript.h"

#include <utility>
#include <vector>

namespace mail_mcp {

StatusOr<ImapCommandResult> LastImapCommand(std::string_view transcript) {
  struct Span {
    ImapResponse::Kind kind;
    size_t begin, end;
  };
  std::vector<Span> spans;
  ImapCommandResult result;
  size_t pos = 0;
  while (pos < transcript.size()) {
    ImapResponse r;
    auto used = ParseImapResponse(transcript.substr(pos), &r);
    if (!used.ok()) return used.status();
    spans.push_back({r.kind, pos, pos + *used});
    pos += *used;
    if (r.kind == ImapResponse::Kind::kTagged) result.completion = std::move(r);
  }
  if (spans.empty() || spans.back().kind != ImapResponse::Kind::kTagged)
    return Status::InvalidArgument("IMAP response ended without a tagged completion");
  size_t first = 0;
  for (size_t i = spans.size() - 1; i-- > 0;) {
    if (spans[i].kind == ImapResponse::Kind::kTagged) {
      first = i + 1;
      break;
    }
  }
  for (size_t i = first; i + 1 < spans.size(); ++i)
    if (spans[i].kind == ImapResponse::Kind::kUntagged)
      result.untagged.append(transcript.data() + spans[i].begin, spans[i].end - spans[i].begin);
  return result;
}

}  // namespace mail_mcp
