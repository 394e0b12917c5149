// list_mailboxes: the account's folders with their hierarchy delimiter, attributes and SPECIAL-USE
// role (RFC 6154), so the assistant can find Sent/Drafts/Trash whatever the server calls them; on
// request, messages and unseen per folder.
//
// Counts are optional because they cost: with LIST-STATUS (RFC 5819) the one LIST brings them all;
// otherwise one STATUS per folder, stopped after kCountsBudget so that an account with hundreds of
// folders on a slow server still answers (the folders not reached keep null counts, and
// counts_complete says so).
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include <chrono>

#include "imap/imap_session.h"
#include "imap/mailbox_list.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

/// How long the STATUS-per-folder fallback may take in all.
constexpr auto kCountsBudget = std::chrono::seconds(5);

std::string Description() {
  return "List the folders (mailboxes) of the user's account. Each folder has its full name (UTF-8, use it "
         "verbatim as `folder` in other tools), the hierarchy delimiter, IMAP attributes, and its special-use "
         "role when the server declares one (\\Sent, \\Drafts, \\Trash, \\Junk, \\Archive, \\All, \\Flagged). "
         "counts: true adds messages and unseen per folder.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(
      R"JSON({"type":"object","properties":{"counts":{"type":"boolean",
        "description":"add messages and unseen per folder (default false)"}},"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"({
    "type":"object",
    "properties":{
      "mailboxes":{"type":"array","items":{"type":"object","properties":{
        "name":{"type":"string"},
        "delimiter":{"type":["string","null"]},
        "attributes":{"type":"array","items":{"type":"string"}},
        "special_use":{"type":["string","null"]},
        "selectable":{"type":"boolean"},
        "messages":{"type":["integer","null"]},"unseen":{"type":["integer","null"]}},
        "required":["name","delimiter","attributes","special_use","selectable"]}},
      "count":{"type":"integer"},
      "counts_complete":{"type":"boolean","description":"false when some folders' counts were not reached in time"}},
    "required":["mailboxes","count"]})");
}

/// STATUS for each selectable folder LIST-STATUS did not count, until kCountsBudget is spent.
/// False when time ran out first.
StatusOr<bool> CountEach(ImapSession& imap, std::vector<MailboxInfo>& boxes) {
  const auto deadline = std::chrono::steady_clock::now() + kCountsBudget;
  for (MailboxInfo& m : boxes) {
    if (m.counts || !m.selectable) continue;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    auto counts = MailboxStatus(imap, m.name);
    if (counts.ok()) m.counts = *counts;
    else if (counts.status().code() != Status::Code::kNotFound &&
             counts.status().code() != Status::Code::kInvalidArgument)
      return counts.status();  // the connection failed; a folder the server will not count stays null
  }
  return true;
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  const bool with_counts = OptionalBoolArg(args, "counts").value_or(false);
  auto lease = OpenImap(ctx);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  auto boxes = ListMailboxes(imap, with_counts);
  if (!boxes.ok()) return ImapError(boxes.status());
  bool complete = true;
  if (with_counts) {
    auto done = CountEach(imap, *boxes);
    if (!done.ok()) return ImapError(done.status());
    complete = *done;
  }
  picojson::array list;
  for (const MailboxInfo& m : *boxes) {
    picojson::object o;
    o["name"] = picojson::value(m.name);
    o["delimiter"] = m.delimiter.empty() ? picojson::value() : picojson::value(m.delimiter);
    picojson::array attrs;
    for (const auto& a : m.attributes) attrs.emplace_back(a);
    o["attributes"] = picojson::value(attrs);
    o["special_use"] = m.special_use.empty() ? picojson::value() : picojson::value(m.special_use);
    o["selectable"] = picojson::value(m.selectable);
    if (with_counts) {
      o["messages"] = m.counts ? picojson::value(int64_t(m.counts->messages)) : picojson::value();
      o["unseen"] = m.counts ? picojson::value(int64_t(m.counts->unseen)) : picojson::value();
    }
    list.emplace_back(o);
  }
  picojson::object out;
  out["count"] = picojson::value(int64_t(list.size()));
  out["mailboxes"] = picojson::value(list);
  if (with_counts) out["counts_complete"] = picojson::value(complete);
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeListMailboxesTool() {
  return std::make_unique<MailTool>(MailToolSpec{.name = "list_mailboxes",
                                                 .title = "List mailboxes",
                                                 .annotations = kReadsMailbox,
                                                 .scope = kScopeRead,
                                                 .description = Description(),
                                                 .input_schema = InputSchema(),
                                                 .output_schema = OutputSchema(),
                                                 .run = Run});
}

}  // namespace mail_mcp
