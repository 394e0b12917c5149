// get_mail_thread: the conversation a message belongs to, oldest first, as list summaries with the
// folder of each, including the person's own replies from the Sent folder.
//
// In the message's folder: `UID THREAD REFERENCES` (RFC 5256) when the server offers it, which
// threads by References/In-Reply-To and, for mail whose references were lost, by subject; otherwise
// a header search for the message ids the message names (its own, In-Reply-To, References). In the
// other folder (Sent, or INBOX when the message is in Sent) a header search for the ids of every
// message found so far: replies name what they answer in In-Reply-To and References. A copy found
// in both folders (mail to oneself) is listed once. At most `limit` messages (100): the newest are
// kept and `truncated` says the thread is longer.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include <algorithm>
#include <set>

#include "compose/threading.h"
#include "imap/imap_fetch.h"
#include "imap/imap_session.h"
#include "tools/mail_tool.h"
#include "tools/mailbox_roles.h"
#include "tools/message_lookup.h"
#include "tools/message_summary.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/ascii.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

constexpr int64_t kMaxThread = 100;
constexpr int64_t kDefaultThread = 50;
/// Message ids searched for at most (each costs three HEADER criteria): the root and the latest.
constexpr size_t kMaxSearchIds = 40;

std::string Description() {
  return "The conversation a message (folder + uid) belongs to, oldest first, as summaries with each "
         "message's folder; includes your replies from the Sent folder. At most `limit` (default 50, max 100): "
         "the newest are kept and `truncated` says so.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(
      std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema + R"JSON(,"uid":)JSON" +
      kUidSchema + R"JSON(,"limit":{"type":"integer","minimum":1,"maximum":)JSON" + std::to_string(kMaxThread) +
      R"JSON(}},"required":["folder","uid"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  picojson::value item = SummarySchema();
  item.get<picojson::object>()["properties"].get<picojson::object>()["folder"] =
      ParseSchemaLiteral(R"({"type":"string"})");
  picojson::value v = ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uid":{"type":"integer"},"count":{"type":"integer"},
      "truncated":{"type":"boolean"},"method":{"type":"string","enum":["thread_references","header_search"]},
      "folders_searched":{"type":"array","items":{"type":"string"}},"messages":{"type":"array"},
      "warning":{"type":"string"}},
      "required":["folder","uid","count","truncated","method","messages"]})JSON");
  v.get<picojson::object>()["properties"].get<picojson::object>()["messages"].get<picojson::object>()["items"] = item;
  return v;
}

/// Every number in a THREAD tree (a list of numbers and nested lists).
void CollectThread(const ImapValue& v, std::vector<uint32_t>* out) {
  if (auto n = ImapNumber(v); n && *n > 0 && *n <= 0xFFFFFFFFu) out->push_back(uint32_t(*n));
  for (const ImapValue& child : v.items) CollectThread(child, out);
}

/// The UIDs of the THREAD=REFERENCES thread that holds `uid` in the selected folder.
StatusOr<std::vector<uint32_t>> ThreadOf(ImapSession& imap, uint32_t uid) {
  ImapCommand thread("UID THREAD");
  thread.Atom("REFERENCES").Atom("UTF-8").Atom("ALL");
  auto r = imap.RunOk(thread);
  if (!r.ok()) return r.status();
  for (const ImapResponse& u : r->untagged) {
    if (u.values.empty() || !u.values[0].IsAtom("THREAD")) continue;
    for (size_t i = 1; i < u.values.size(); ++i) {
      std::vector<uint32_t> uids;
      CollectThread(u.values[i], &uids);
      if (std::find(uids.begin(), uids.end(), uid) != uids.end()) return uids;
    }
  }
  return std::vector<uint32_t>{uid};
}

/// `UID SEARCH` for messages whose Message-ID is one of `ids` or whose In-Reply-To or References
/// names one of them.
StatusOr<std::vector<uint32_t>> SearchIds(ImapSession& imap, const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<uint32_t>{};
  ImapCommand search("UID SEARCH");
  const size_t criteria = ids.size() * 3;
  for (size_t i = 1; i < criteria; ++i) search.Atom("OR");
  for (const std::string& id : ids)
    for (const char* field : {"Message-ID", "In-Reply-To", "References"})
      search.Atom("HEADER").String(field).String(id);
  auto r = imap.RunOk(search);
  if (!r.ok()) return r.status();
  auto found = ParseSearchResponses(r->untagged);
  if (!found.ok()) return found.status();
  return found->ids;
}

/// Summaries of `uids` (the highest kMaxThread of them) in the selected folder.
StatusOr<std::vector<FetchedMessage>> Summaries(ImapSession& imap, std::vector<uint32_t> uids) {
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  if (uids.size() > size_t(kMaxThread)) uids.erase(uids.begin(), uids.end() - kMaxThread);
  if (uids.empty()) return std::vector<FetchedMessage>{};
  ImapCommand fetch("UID FETCH");
  // The summary's fields and References.
  fetch.Atom(CompressSequenceSet(uids)).Raw(kFullFetchItems).MaxResponseBytes(SummaryResponseBytes(uids.size()));
  auto r = imap.RunOk(fetch);
  if (!r.ok()) return r.status();
  auto parsed = ParseFetchResponses(r->untagged);
  if (!parsed.ok()) return parsed.status();
  std::vector<FetchedMessage> out;
  for (FetchedMessage& m : *parsed)
    if (m.uid != 0 && std::binary_search(uids.begin(), uids.end(), m.uid)) out.push_back(std::move(m));
  return out;
}

/// The message ids a message names: its own, In-Reply-To and References.
void AddIds(const FetchedMessage& m, std::vector<std::string>* ids) {
  const MessageHeaders h = HeadersOf(m);
  for (const std::string& id : ExtractMessageIds(h.message_id + " " + h.in_reply_to + " " + h.references))
    if (std::find(ids->begin(), ids->end(), id) == ids->end()) ids->push_back(id);
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// Unix seconds of a summary's ISO 8601 date ("2025-01-06T10:00:00+01:00"); 0 when absent.
int64_t SortTime(const picojson::object& summary) {
  auto it = summary.find("date");
  if (it == summary.end() || !it->second.is<std::string>()) return 0;
  int y, mo, d, h, mi, s, oh = 0, om = 0;
  char sign = '+';
  const std::string& iso = it->second.get<std::string>();
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d%c%d:%d", &y, &mo, &d, &h, &mi, &s, &sign, &oh, &om) < 6) return 0;
  int64_t offset = (oh * 60 + om) * 60 * (sign == '-' ? -1 : 1);
  return DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder");
  uint32_t uid = uint32_t(IntArg(args, "uid", 0));
  int64_t limit = IntArg(args, "limit", kDefaultThread);
  if (Status s = ValidateFolderName(folder); !s.ok()) return ToolResult::Error(s.message());
  auto lease = OpenImap(ctx, folder);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  if (auto box = OpenFolder(imap, folder, /*writable=*/false); !box.ok())
    return ToolResult::Error(box.status().message());

  auto seed = Summaries(imap, {uid});
  if (!seed.ok()) return ImapError(seed.status());
  if (seed->empty())
    return ToolResult::Error("Message not found: no message with uid " + std::to_string(uid) + " in '" + folder + "'");
  std::vector<std::string> ids;
  AddIds(seed->front(), &ids);
  const bool threads = imap.HasCapability("THREAD=REFERENCES");
  bool truncated = false;

  // Origin folder: the server's thread, else the ids the message names.
  auto members = threads ? ThreadOf(imap, uid) : SearchIds(imap, ids);
  if (!members.ok()) return ImapError(members.status());
  members->push_back(uid);
  truncated = truncated || members->size() > size_t(kMaxThread) + 1;
  auto origin = Summaries(imap, *members);
  if (!origin.ok()) return ImapError(origin.status());
  for (const FetchedMessage& m : *origin) AddIds(m, &ids);
  if (ids.size() > kMaxSearchIds) {
    ids.erase(ids.begin() + 1, ids.end() - (kMaxSearchIds - 1));  // the root (first seen) and the latest
    truncated = true;
  }

  struct Found {
    std::string folder;
    const FetchedMessage* m;
  };
  std::vector<Found> all;
  for (const FetchedMessage& m : *origin) all.push_back({folder, &m});
  picojson::array searched{picojson::value(folder)};
  std::string warning;
  // The other side of the conversation: Sent for a received message, INBOX for a sent one.
  auto sent = FindRoleFolder(imap, "\\Sent", "Sent");
  std::string other = sent.ok() && *sent != folder ? *sent : EqualsIgnoreCase(folder, "INBOX") ? "" : "INBOX";
  std::vector<FetchedMessage> others;
  if (!other.empty() && !ids.empty()) {
    auto box = OpenFolder(imap, other, /*writable=*/false);
    auto hits = box.ok() ? SearchIds(imap, ids) : StatusOr<std::vector<uint32_t>>(box.status());
    auto fetched = hits.ok() ? Summaries(imap, *hits) : StatusOr<std::vector<FetchedMessage>>(hits.status());
    if (fetched.ok()) {
      truncated = truncated || hits->size() > size_t(kMaxThread);
      others = std::move(*fetched);
      searched.emplace_back(other);
    } else {
      warning = "could not search '" + other + "': " + fetched.status().message();
    }
  }
  std::set<std::string> seen;
  for (const Found& f : all) seen.insert(HeadersOf(*f.m).message_id);
  for (const FetchedMessage& m : others) {
    const std::string id = HeadersOf(m).message_id;
    if (!id.empty() && seen.count(id)) continue;  // the same message in both folders
    all.push_back({other, &m});
  }

  // Oldest first; within one second (Date has no finer grain), a reply after what it answers: it
  // names more ancestors.
  struct Row {
    int64_t time;
    size_t depth;
    picojson::object summary;
  };
  std::vector<Row> rows;
  for (const Found& f : all) {
    picojson::object o = SummarizeMessage(*f.m);
    o["folder"] = picojson::value(f.folder);
    const MessageHeaders h = HeadersOf(*f.m);
    size_t depth = ExtractMessageIds(h.references).size();
    if (depth == 0 && !ExtractMessageIds(h.in_reply_to).empty()) depth = 1;
    rows.push_back({SortTime(o), depth, std::move(o)});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.time != b.time ? a.time < b.time : a.depth < b.depth; });
  if (int64_t(rows.size()) > limit) {
    rows.erase(rows.begin(), rows.end() - limit);
    truncated = true;
  }
  picojson::array messages;
  for (Row& r : rows) messages.emplace_back(std::move(r.summary));
  picojson::object out;
  out["folder"] = picojson::value(folder);
  out["uid"] = picojson::value(int64_t(uid));
  out["count"] = picojson::value(int64_t(messages.size()));
  out["truncated"] = picojson::value(truncated);
  out["method"] = picojson::value(threads ? "thread_references" : "header_search");
  out["folders_searched"] = picojson::value(searched);
  out["messages"] = picojson::value(messages);
  if (!warning.empty()) out["warning"] = picojson::value(ImapFailure(warning));
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeGetMailThreadTool() {
  return std::make_unique<MailTool>(MailToolSpec{.name = "get_mail_thread",
                                                 .title = "Read a conversation",
                                                 .annotations = kReadsMailbox,
                                                 .scope = kScopeRead,
                                                 .description = Description(),
                                                 .input_schema = InputSchema(),
                                                 .output_schema = OutputSchema(),
                                                 .run = Run});
}

}  // namespace mail_mcp
