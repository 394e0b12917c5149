// list_mailboxes: the account's folders with their hierarchy delimiter, attributes and SPECIAL-USE
// role (RFC 6154), so the assistant can find Sent/Drafts/Trash whatever the server calls them.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include "imap/imap_session.h"
#include "imap/mailbox_list.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

std::string Description() {
  return "List the folders (mailboxes) of the user's account. Each folder has its full name (UTF-8, use it "
         "verbatim as `folder` in other tools), the hierarchy delimiter, IMAP attributes, and its special-use "
         "role when the server declares one (\\Sent, \\Drafts, \\Trash, \\Junk, \\Archive, \\All, \\Flagged).";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(R"({"type":"object","properties":{},"additionalProperties":false})");
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
        "selectable":{"type":"boolean"}},
        "required":["name","delimiter","attributes","special_use","selectable"]}},
      "count":{"type":"integer"}},
    "required":["mailboxes","count"]})");
}

ToolResult Run(const picojson::object&, const MailContext& ctx) {
  auto lease = OpenImap(ctx);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  auto boxes = ListMailboxes(imap);
  if (!boxes.ok()) return ImapError(boxes.status());
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
    list.emplace_back(o);
  }
  picojson::object out;
  out["count"] = picojson::value(int64_t(list.size()));
  out["mailboxes"] = picojson::value(list);
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
