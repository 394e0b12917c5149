// rename_mailbox: renames a folder (its subfolders move with it, RFC 3501 §6.3.5) and carries the
// subscriptions over to the new names. INBOX and SPECIAL-USE folders are refused (folder_admin.h).
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include <algorithm>

#include "tools/folder_admin.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

std::string Description() {
  return "Rename (or move) a folder and its subfolders; subscriptions follow. INBOX and special-use folders "
         "(Sent, Drafts, Trash, Junk, Archive) cannot be renamed.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"new_name":)JSON" + kFolderSchema +
                            R"JSON(},"required":["folder","new_name"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"new_name":{"type":"string"},"renamed":{"type":"boolean"},
      "subscribed":{"type":"array","items":{"type":"string"},"description":"subscriptions moved to the new names"},
      "warning":{"type":"string"}},"required":["folder","new_name","renamed","subscribed"]})JSON");
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder"), new_name = StringArg(args, "new_name");
  for (const std::string* f : {&folder, &new_name})
    if (Status s = ValidateFolderName(*f); !s.ok()) return ToolResult::Error(s.message());
  if (folder == new_name) return ToolResult::Error("new_name is the folder's current name");
  auto lease = OpenImap(ctx);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  auto box = FolderToChange(imap, folder, "rename");
  if (!box.ok()) return ToolResult::Error(box.status().message());
  if (FindMailbox(imap, new_name).ok()) return ToolResult::Error("a folder named '" + new_name + "' already exists");
  // The folder and its subfolders that are subscribed now, to subscribe under their new names.
  auto subscribed = SubscribedFolders(imap);
  if (!subscribed.ok()) return ImapError(subscribed.status());
  std::vector<std::string> moved;
  for (const std::string& s : *subscribed)
    if (s == folder || (!box->delimiter.empty() && s.rfind(folder + box->delimiter, 0) == 0)) moved.push_back(s);

  if (Status s = LeaveFolder(imap, folder); !s.ok()) return ImapError(s);
  ImapCommand rename("RENAME");
  rename.Mailbox(folder).Mailbox(new_name);
  if (auto r = imap.RunOk(rename); !r.ok()) return ImapError(r.status(), "cannot rename '" + folder + "'");

  picojson::object out;
  out["folder"] = picojson::value(folder);
  out["new_name"] = picojson::value(new_name);
  out["renamed"] = picojson::value(true);
  picojson::array now;
  std::string failed;
  for (const std::string& old : moved) {
    std::string renamed = new_name + old.substr(folder.size());
    (void)Subscribe(imap, old, false);  // servers that move subscriptions themselves refuse this: fine
    if (Status s = Subscribe(imap, renamed, true); s.ok()) now.emplace_back(renamed);
    else failed += (failed.empty() ? "" : ", ") + renamed;
  }
  out["subscribed"] = picojson::value(now);
  if (!failed.empty()) out["warning"] = picojson::value(ImapFailure("renamed, but could not subscribe " + failed));
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeRenameMailboxTool() {
  return std::make_unique<MailTool>(
      MailToolSpec{.name = "rename_mailbox",
                   .title = "Rename a folder",
                   .annotations = {.read_only = false, .destructive = false, .idempotent = false, .open_world = false},
                   .scope = kScopeOrganize,
                   .description = Description(),
                   .input_schema = InputSchema(),
                   .output_schema = OutputSchema(),
                   .run = Run});
}

}  // namespace mail_mcp
