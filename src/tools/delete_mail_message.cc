// delete_mail_message: permanently deletes one message, and only that one.
//
// With UIDPLUS it marks the message \Deleted and runs `UID EXPUNGE <uid>`: a mailbox-wide EXPUNGE
// (what the original does) would also destroy every other message someone had marked \Deleted.
// Without UIDPLUS there is no safe way to expunge one message, so it moves the message to Trash
// instead and says so.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include "imap/imap_fetch.h"
#include "imap/imap_session.h"
#include "tools/mail_tool.h"
#include "tools/mailbox_roles.h"
#include "tools/message_lookup.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

std::string Description() {
  return "Permanently delete one message (by folder and uid). Only that message is expunged; other messages "
         "are never touched. If the server cannot expunge a single message (no UIDPLUS), the message is moved "
         "to the Trash folder instead and the result says so. To keep a copy, use move_mail_message to Trash.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"uid":)JSON" + kUidSchema + R"JSON(},
      "required":["folder","uid"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uid":{"type":"integer"},"deleted":{"type":"boolean"},
      "method":{"type":"string","enum":["expunged","moved_to_trash"]},"trash_folder":{"type":"string"},
      "note":{"type":"string"}},"required":["folder","uid","deleted","method"]})JSON");
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder");
  uint32_t uid = uint32_t(IntArg(args, "uid", 0));
  if (Status s = ValidateFolderName(folder); !s.ok()) return ToolResult::Error(s.message());
  auto lease = OpenImap(ctx, folder);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  if (Status s = SelectMessage(imap, folder, uid); !s.ok()) return ToolResult::Error(s.message());

  picojson::object out;
  out["folder"] = picojson::value(folder);
  out["uid"] = picojson::value(int64_t(uid));
  if (imap.HasCapability("UIDPLUS")) {
    if (Status s = StoreFlags(imap, uid, "+FLAGS.SILENT", {"\\Deleted"}); !s.ok()) return ImapError(s);
    ImapCommand expunge("UID EXPUNGE");
    expunge.Number(uid);
    if (auto r = imap.RunOk(expunge); !r.ok()) return ImapError(r.status());
    out["deleted"] = picojson::value(true);
    out["method"] = picojson::value("expunged");
    return ToolResult::Ok(picojson::value(out));
  }
  auto trash = FindRoleFolder(imap, "\\Trash", "Trash");
  if (!trash.ok())
    return ToolResult::Error(
        "this server cannot expunge a single message (no UIDPLUS) and has no Trash folder; "
        "nothing was changed");
  if (*trash == folder)
    return ToolResult::Error(
        "this server cannot expunge a single message (no UIDPLUS), and the message is already "
        "in Trash; nothing was changed");
  ImapCommand move(imap.HasCapability("MOVE") ? "UID MOVE" : "UID COPY");
  move.Number(uid).Mailbox(*trash);
  if (auto r = imap.RunOk(move); !r.ok()) return ImapError(r.status());
  if (!imap.HasCapability("MOVE")) {
    if (Status s = StoreFlags(imap, uid, "+FLAGS.SILENT", {"\\Deleted"}); !s.ok()) return ImapError(s);
  }
  out["deleted"] = picojson::value(true);
  out["method"] = picojson::value("moved_to_trash");
  out["trash_folder"] = picojson::value(*trash);
  out["note"] = picojson::value("The server cannot expunge a single message (no UIDPLUS), so it was moved to " +
                                *trash + " instead.");
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeDeleteMailMessageTool() {
  return std::make_unique<MailTool>(
      MailToolSpec{.name = "delete_mail_message",
                   .title = "Delete a message",
                   .annotations = {.read_only = false, .destructive = true, .idempotent = true, .open_world = false},
                   .scope = kScopeDelete,
                   .description = Description(),
                   .input_schema = InputSchema(),
                   .output_schema = OutputSchema(),
                   .run = Run});
}

}  // namespace mail_mcp
