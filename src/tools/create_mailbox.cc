// create_mailbox: creates a folder (and any missing parents, RFC 3501 §6.3.3) and subscribes to it,
// so that mail clients show it.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include "tools/folder_admin.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

std::string Description() {
  return "Create a folder. `name` is the full name; use the delimiter list_mailboxes reports for a subfolder "
         "(e.g. Projects/2026). The folder is subscribed.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"name":)JSON") + kFolderSchema +
                            R"JSON(},"required":["name"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "name":{"type":"string"},"created":{"type":"boolean"},"subscribed":{"type":"boolean"},
      "warning":{"type":"string"}},"required":["name","created","subscribed"]})JSON");
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string name = StringArg(args, "name");
  if (Status s = ValidateFolderName(name); !s.ok()) return ToolResult::Error(s.message());
  auto lease = OpenImap(ctx);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  // A placeholder parent (\Noselect, \NonExistent) may be made a real folder.
  if (auto box = FindMailbox(imap, name); box.ok() && box->selectable)
    return ToolResult::Error("a folder named '" + name + "' already exists");
  ImapCommand create("CREATE");
  create.Mailbox(name);
  if (auto r = imap.RunOk(create); !r.ok()) return ImapError(r.status(), "cannot create '" + name + "'");
  picojson::object out;
  out["name"] = picojson::value(name);
  out["created"] = picojson::value(true);
  Status sub = Subscribe(imap, name, true);
  out["subscribed"] = picojson::value(sub.ok());
  if (!sub.ok()) out["warning"] = picojson::value(ImapFailure("created, but could not subscribe: " + sub.message()));
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeCreateMailboxTool() {
  return std::make_unique<MailTool>(
      MailToolSpec{.name = "create_mailbox",
                   .title = "Create a folder",
                   .annotations = {.read_only = false, .destructive = false, .idempotent = false, .open_world = false},
                   .scope = kScopeOrganize,
                   .description = Description(),
                   .input_schema = InputSchema(),
                   .output_schema = OutputSchema(),
                   .run = Run});
}

}  // namespace mail_mcp
