// list_mail_messages: one page of a folder's messages, newest first, with decoded header fields.
//
// The cost does not grow with the folder: the page's sequence range is computed from EXISTS (no
// SEARCH ALL over the whole mailbox), then a single FETCH brings the page's summaries.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include <algorithm>

#include "imap/imap_session.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/message_summary.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

/// Bounds and default the input schema states and Run relies on: with them, (page - 1) * per_page
/// stays far inside int64, and one page is one FETCH of at most kMaxPerPage summaries.
constexpr int64_t kMaxPage = 1000000;
constexpr int64_t kMaxPerPage = 100;
constexpr int64_t kDefaultPerPage = 20;

std::string Description() {
  return "List one page of messages in a folder, newest first, with decoded subject, sender and recipients, "
         "date (the sender's Date field, null when missing), received_at (when the server got it), size, flags "
         "and whether it has attachments. Use the uid with get_mail_message to read one. "
         "`total` is the number of messages in the folder.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"page":{"type":"integer","minimum":1,"maximum":)JSON" + std::to_string(kMaxPage) +
                            R"JSON(,"description":"1 is the newest page"},
      "per_page":{"type":"integer","minimum":1,"maximum":)JSON" +
                            std::to_string(kMaxPerPage) + R"JSON(,"description":"messages per page (default )JSON" +
                            std::to_string(kDefaultPerPage) + R"JSON()"}},"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  picojson::value v = ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uidvalidity":{"type":"integer"},"total":{"type":"integer"},
      "page":{"type":"integer"},"per_page":{"type":"integer"},"messages":{"type":"array"}},
      "required":["folder","uidvalidity","total","page","per_page","messages"]})JSON");
  v.get<picojson::object>()["properties"].get<picojson::object>()["messages"].get<picojson::object>()["items"] =
      SummarySchema();
  return v;
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder", "INBOX");
  int64_t page = IntArg(args, "page", 1), per_page = IntArg(args, "per_page", kDefaultPerPage);
  if (Status s = ValidateFolderName(folder); !s.ok()) return ToolResult::Error(s.message());

  auto lease = OpenImap(ctx, folder);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  auto box = OpenFolder(imap, folder, /*writable=*/false);
  if (!box.ok()) return ToolResult::Error(box.status().message());

  // Newest first: page 1 is the highest sequence numbers. The range comes from EXISTS, which is one
  // NOOP old when the session re-used its selection (the NOOP rides along with the FETCH): when that
  // NOOP brings news (new or expunged messages), the page is fetched again for the mailbox as it is.
  int64_t exists = box->exists, skip = (page - 1) * per_page, lo = 0, hi = 0;
  std::vector<FetchedMessage> fetched;
  for (int attempt = 0;; ++attempt) {
    fetched.clear();
    lo = hi = 0;
    if (skip < exists) {
      hi = exists - skip;
      lo = std::max<int64_t>(1, hi - per_page + 1);
      ImapCommand fetch("FETCH");
      fetch.Atom(std::to_string(lo) + ":" + std::to_string(hi))
          .Raw(kSummaryFetchItems)
          .MaxResponseBytes(SummaryResponseBytes(size_t(hi - lo + 1)));
      auto r = imap.RunOk(fetch, OnMailboxChange::kCallerChecks);  // checked against EXISTS below
      if (r.ok()) {
        auto parsed = ParseFetchResponses(r->untagged);
        if (!parsed.ok()) return ImapError(parsed.status());
        fetched = std::move(*parsed);
      } else {
        // A range that the NOOP's expunges made invalid is refused; anything else is an error.
        const MailboxState* now = imap.selected();
        if (r.status().code() != Status::Code::kInvalidArgument || attempt > 0 || !now || now->exists >= hi)
          return ImapError(r.status());
      }
    } else if (Status s = imap.Sync(); !s.ok()) {
      return ImapError(s);
    }
    const MailboxState* now = imap.selected();
    if (!now) return ImapError(Status::Unavailable("the folder is no longer selected"));
    if (attempt > 0 || (int64_t(now->exists) == exists && !now->expunged)) break;
    exists = now->exists;
  }
  const MailboxState& now = *imap.selected();

  picojson::object out;
  out["folder"] = picojson::value(folder);
  out["uidvalidity"] = picojson::value(int64_t(now.uidvalidity));
  out["total"] = picojson::value(int64_t(now.exists));
  out["page"] = picojson::value(page);
  out["per_page"] = picojson::value(per_page);
  picojson::array messages;
  std::sort(fetched.begin(), fetched.end(),
            [](const FetchedMessage& a, const FetchedMessage& b) { return a.seq > b.seq; });
  for (const FetchedMessage& m : fetched)
    if (m.uid != 0 && m.seq >= lo && m.seq <= hi) messages.emplace_back(SummarizeMessage(m));
  out["messages"] = picojson::value(messages);
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeListMailMessagesTool() {
  return std::make_unique<MailTool>(MailToolSpec{.name = "list_mail_messages",
                                                 .title = "List messages",
                                                 .annotations = kReadsMailbox,
                                                 .scope = kScopeRead,
                                                 .description = Description(),
                                                 .input_schema = InputSchema(),
                                                 .output_schema = OutputSchema(),
                                                 .run = Run});
}

}  // namespace mail_mcp
