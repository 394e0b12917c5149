#include "tools/list_mailboxes.h"

#include "imap/imap_session.h"
#include "imap/mailbox_list.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {

std::string ListMailboxesTool::description() const {
  return "List the folders (mailboxes) of the user's account. Each folder has its full name (UTF-8, use it "
         "verbatim as `folder` in other tools), the hierarchy delimiter, IMAP attributes, and its special-use "
         "role when the server declares one (\\Sent, \\Drafts, \\Trash, \\Junk, \\Archive, \\All, \\Flagged).";
}

picojson::value ListMailboxesTool::input_schema() const {
  return ParseSchemaLiteral(R"({"type":"object","properties":{},"additionalProperties":false})");
}

picojson::value ListMailboxesTool::output_schema() const {
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

ToolAnnotations ListMailboxesTool::annotations() const {
  return ToolAnnotations{.read_only = true, .destructive = false, .idempotent = true, .open_world = false};
}

ToolResult ListMailboxesTool::Run(const picojson::object&, const MailContext& ctx) const {
  ImapSession imap(*ctx.account, *ctx.connect);
  if (Status s = imap.Connect(); !s.ok()) return ImapError(s);
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

}  // namespace mail_mcp
