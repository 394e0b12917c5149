// search_mail_messages: UID SEARCH with validated criteria; returns matching UIDs newest first, the
// count, and summaries of the first `limit` hits so the caller need not fetch each one.
//
// `query` is raw IMAP SEARCH criteria, tokenized and checked against the search-key grammar
// (src/imap/search_query.h); the structured fields (from, to, subject, text, since, before, unseen,
// flagged) need no IMAP knowledge and are ANDed with it. Non-ASCII text adds CHARSET UTF-8.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include <algorithm>

#include "imap/imap_session.h"
#include "imap/search_query.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/message_summary.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

/// UIDs returned in full up to this many; `count` is always exact.
constexpr size_t kMaxUidsReturned = 1000;
/// Summaries per call, as the input schema states them: one FETCH of at most kMaxSummaries.
constexpr int64_t kMaxSummaries = 100;
constexpr int64_t kDefaultSummaries = 20;

std::string Description() {
  return "Search a folder. Either give `query` as IMAP SEARCH criteria (e.g. `UNSEEN`, "
         "`FROM alice@example.com SINCE 01-Jan-2025`, `OR SUBJECT invoice SUBJECT receipt`, `SUBJECT \"two words\"`), "
         "or use the simple fields from, to, subject, text, since, before (YYYY-MM-DD), unseen, flagged; "
         "all given conditions must match. Returns the matching uids newest first, their count, and summaries "
         "of the first `limit` matches.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"query":{"type":"string","maxLength":2000,"description":"IMAP SEARCH criteria"},
      "from":{"type":"string","maxLength":500},"to":{"type":"string","maxLength":500},
      "subject":{"type":"string","maxLength":500},"text":{"type":"string","maxLength":500},
      "since":{"type":"string","maxLength":40,"description":"on or after this date (YYYY-MM-DD)"},
      "before":{"type":"string","maxLength":40,"description":"before this date (YYYY-MM-DD)"},
      "unseen":{"type":"boolean"},"flagged":{"type":"boolean"},
      "limit":{"type":"integer","minimum":0,"maximum":)JSON" +
                            std::to_string(kMaxSummaries) + R"JSON(,"description":"summaries to return (default )JSON" +
                            std::to_string(kDefaultSummaries) +
                            R"JSON()"}},"required":["folder"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  picojson::value v = ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uidvalidity":{"type":"integer"},"count":{"type":"integer"},
      "uids":{"type":"array","items":{"type":"integer"}},"uids_truncated":{"type":"boolean"},
      "messages":{"type":"array"}},"required":["folder","uidvalidity","count","uids","messages"]})JSON");
  v.get<picojson::object>()["properties"].get<picojson::object>()["messages"].get<picojson::object>()["items"] =
      SummarySchema();
  return v;
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder");
  if (Status s = ValidateFolderName(folder); !s.ok()) return ToolResult::Error(s.message());
  SearchFilters filters;
  filters.from = OptionalStringArg(args, "from");
  filters.to = OptionalStringArg(args, "to");
  filters.subject = OptionalStringArg(args, "subject");
  filters.text = OptionalStringArg(args, "text");
  filters.since = OptionalStringArg(args, "since");
  filters.before = OptionalStringArg(args, "before");
  filters.unseen = OptionalBoolArg(args, "unseen");
  filters.flagged = OptionalBoolArg(args, "flagged");
  int64_t limit = IntArg(args, "limit", kDefaultSummaries);
  // Validate everything before connecting: a bad query costs the mail server nothing.
  auto criteria = BuildSearchCriteria(StringArg(args, "query"), filters);
  if (!criteria.ok()) return ToolResult::Error(criteria.status().message());

  auto lease = OpenImap(ctx, folder);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  auto box = OpenFolder(imap, folder, /*writable=*/false);
  if (!box.ok()) return ToolResult::Error(box.status().message());

  if (NeedsWithinExtension(*criteria) && !imap.HasCapability("WITHIN"))
    return ToolResult::Error(
        "query: this server does not support OLDER/YOUNGER (no WITHIN extension); use SINCE/BEFORE");
  ImapCommand search("UID SEARCH");
  // ESEARCH returns the result as a compact set on one line; plain SEARCH lists every UID.
  if (imap.HasCapability("ESEARCH")) search.Atom("RETURN").Atom("(").Atom("ALL").Atom("COUNT").Atom(")");
  if (NeedsUtf8Charset(*criteria)) search.Atom("CHARSET").Atom("UTF-8");
  for (const SearchToken& t : *criteria) {
    if (t.kind == SearchToken::Kind::kString) search.String(t.text);
    else search.Atom(t.text);
  }
  if (!search.status().ok()) return ToolResult::Error(search.status().message());
  auto r = imap.RunOk(search);
  if (!r.ok()) return ImapError(r.status(), "search failed");
  auto found = ParseSearchResponses(r->untagged);
  if (!found.ok()) return ImapError(found.status());
  std::vector<uint32_t> uids = found->ids;
  std::sort(uids.begin(), uids.end(), std::greater<uint32_t>());  // newest first
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());

  picojson::object out;
  out["folder"] = picojson::value(folder);
  // After the SEARCH (which carried the NOOP of a re-used selection), as the server now has it.
  out["uidvalidity"] = picojson::value(int64_t(imap.selected() ? imap.selected()->uidvalidity : box->uidvalidity));
  out["count"] = picojson::value(int64_t(found->count.value_or(uids.size())));
  picojson::array uid_list;
  for (size_t i = 0; i < uids.size() && i < kMaxUidsReturned; ++i) uid_list.emplace_back(int64_t(uids[i]));
  out["uids"] = picojson::value(uid_list);
  out["uids_truncated"] = picojson::value(uids.size() > kMaxUidsReturned);

  picojson::array messages;
  std::vector<uint32_t> first(uids.begin(), uids.begin() + std::min<size_t>(uids.size(), size_t(limit)));
  if (!first.empty()) {
    ImapCommand fetch("UID FETCH");
    fetch.Atom(CompressSequenceSet(first)).Raw(kSummaryFetchItems).MaxResponseBytes(SummaryResponseBytes(first.size()));
    auto fr = imap.RunOk(fetch);
    if (!fr.ok()) return ImapError(fr.status());
    auto fetched = ParseFetchResponses(fr->untagged);
    if (!fetched.ok()) return ImapError(fetched.status());
    std::sort(fetched->begin(), fetched->end(), [](const auto& a, const auto& b) { return a.uid > b.uid; });
    for (const FetchedMessage& m : *fetched)
      if (std::binary_search(first.begin(), first.end(), m.uid, std::greater<uint32_t>()))
        messages.emplace_back(SummarizeMessage(m));
  }
  out["messages"] = picojson::value(messages);
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeSearchMailMessagesTool() {
  return std::make_unique<MailTool>(MailToolSpec{.name = "search_mail_messages",
                                                 .title = "Search messages",
                                                 .annotations = kReadsMailbox,
                                                 .scope = kScopeRead,
                                                 .description = Description(),
                                                 .input_schema = InputSchema(),
                                                 .output_schema = OutputSchema(),
                                                 .run = Run});
}

}  // namespace mail_mcp
