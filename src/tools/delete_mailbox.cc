// delete_mailbox: deletes a folder, and with it its messages, and drops its subscription.
//
// A model must not wipe a folder by accident: a folder that holds messages is deleted only when
// confirm_message_count equals its current count (STATUS MESSAGES, asked just before), so the call
// has to have looked. INBOX and SPECIAL-USE folders are refused (folder_admin.h), and so is a
// folder with subfolders (delete those first: servers differ on what happens to them).
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include "imap/mailbox_list.h"
#include "tools/folder_admin.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/ascii.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

std::string Description() {
  return "Delete a folder and every message in it, for good. A folder holding messages is deleted only when "
         "confirm_message_count equals its current number of messages (the error says it). INBOX, special-use "
         "folders and folders with subfolders are refused.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"confirm_message_count":{"type":"integer","minimum":0,"maximum":4294967295,
        "description":"the folder's current number of messages; required when it is not empty"}},
      "required":["folder"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"deleted":{"type":"boolean"},"messages_deleted":{"type":"integer"}},"required":["folder","deleted","messages_deleted"]})JSON");
}

bool HasChildren(const MailboxInfo& box) {
  for (const std::string& a : box.attributes)
    if (EqualsIgnoreCase(a, "\\HasChildren")) return true;
  return false;
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder");
  int64_t confirm = IntArg(args, "confirm_message_count", -1);
  if (Status s = ValidateFolderName(folder); !s.ok()) return ToolResult::Error(s.message());
  auto lease = OpenImap(ctx);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  auto box = FolderToChange(imap, folder, "delete");
  if (!box.ok()) return ToolResult::Error(box.status().message());
  if (HasChildren(*box))
    return ToolResult::Error("'" + folder + "' has subfolders; delete or move them first. Nothing was deleted.");
  uint64_t messages = 0;
  if (box->selectable) {
    if (Status s = LeaveFolder(imap, folder); !s.ok()) return ImapError(s);
    auto counts = MailboxStatus(imap, folder);
    if (!counts.ok()) return ImapError(counts.status(), "cannot count the messages in '" + folder + "'");
    messages = counts->messages;
  }
  if ((messages > 0 || confirm >= 0) && confirm != int64_t(messages))
    return ToolResult::Error("'" + folder + "' holds " + std::to_string(messages) +
                             " messages; to delete the folder and them, call again with confirm_message_count: " +
                             std::to_string(messages) + ". Nothing was deleted.");
  ImapCommand del("DELETE");
  del.Mailbox(folder);
  if (auto r = imap.RunOk(del); !r.ok()) return ImapError(r.status(), "cannot delete '" + folder + "'");
  picojson::object out;
  out["folder"] = picojson::value(folder);
  out["deleted"] = picojson::value(true);
  out["messages_deleted"] = picojson::value(int64_t(messages));
  // Servers that drop the subscription with the folder refuse this, which is fine.
  (void)Subscribe(imap, folder, false);
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeDeleteMailboxTool() {
  return std::make_unique<MailTool>(
      MailToolSpec{.name = "delete_mailbox",
                   .title = "Delete a folder",
                   .annotations = {.read_only = false, .destructive = true, .idempotent = true, .open_world = false},
                   .scope = kScopeDelete,
                   .description = Description(),
                   .input_schema = InputSchema(),
                   .output_schema = OutputSchema(),
                   .run = Run});
}

}  // namespace mail_mcp
