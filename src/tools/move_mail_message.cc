// move_mail_message: moves one message to another folder and reports its new UID.
//
// `UID MOVE` when the server has MOVE (RFC 6851); otherwise `UID COPY`, then \Deleted and
// `UID EXPUNGE` of that UID only (UIDPLUS), never a mailbox-wide EXPUNGE. The new UID comes from
// COPYUID (RFC 4315).
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include "imap/imap_fetch.h"
#include "imap/imap_session.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

std::string Description() {
  return "Move one message (folder + uid) to another folder (destination, a name from list_mailboxes). "
         "Returns the message's new uid in the destination when the server reports it.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"uid":)JSON" + kUidSchema + R"JSON(,"destination":)JSON" + kFolderSchema +
                            R"JSON(},"required":["folder","uid","destination"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uid":{"type":"integer"},"destination":{"type":"string"},
      "new_uid":{"type":["integer","null"]},"destination_uidvalidity":{"type":["integer","null"]},
      "method":{"type":"string","enum":["move","copy_expunge","copy_only"]},"note":{"type":"string"}},
      "required":["folder","uid","destination","new_uid","method"]})JSON");
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder"), destination = StringArg(args, "destination");
  uint32_t uid = uint32_t(IntArg(args, "uid", 0));
  for (const std::string* f : {&folder, &destination})
    if (Status s = ValidateFolderName(*f); !s.ok()) return ToolResult::Error(s.message());
  if (folder == destination) return ToolResult::Error("destination is the folder the message is already in");
  auto lease = OpenImap(ctx, folder);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  if (Status s = SelectMessage(imap, folder, uid); !s.ok()) return ToolResult::Error(s.message());

  picojson::object out;
  out["folder"] = picojson::value(folder);
  out["uid"] = picojson::value(int64_t(uid));
  out["destination"] = picojson::value(destination);
  bool has_move = imap.HasCapability("MOVE");
  ImapCommand move(has_move ? "UID MOVE" : "UID COPY");
  move.Number(uid).Mailbox(destination);
  auto r = imap.Run(move);
  if (!r.ok()) return ImapError(r.status());
  if (!r->ok()) {
    bool missing = r->text.find("TRYCREATE") != std::string::npos;
    return ToolResult::Error(missing
                                 ? "destination folder '" + destination + "' does not exist; nothing was moved"
                                 : ImapFailure("the server refused to move the message: " + r->text.substr(0, 300)));
  }
  auto copyuid = FindCopyUid(r->untagged, r->text);
  out["new_uid"] =
      copyuid && !copyuid->dest_uids.empty() ? picojson::value(int64_t(copyuid->dest_uids[0])) : picojson::value();
  out["destination_uidvalidity"] = copyuid ? picojson::value(int64_t(copyuid->uidvalidity)) : picojson::value();
  if (has_move) {
    out["method"] = picojson::value("move");
    return ToolResult::Ok(picojson::value(out));
  }
  if (Status s = StoreFlags(imap, uid, "+FLAGS.SILENT", {"\\Deleted"}); !s.ok())
    return ImapError(s, "copied, but could not remove the original");
  if (imap.HasCapability("UIDPLUS")) {
    ImapCommand expunge("UID EXPUNGE");
    expunge.Number(uid);
    if (auto e = imap.RunOk(expunge); !e.ok())
      return ImapError(e.status(), "copied, but could not expunge the original");
    out["method"] = picojson::value("copy_expunge");
  } else {
    out["method"] = picojson::value("copy_only");
    out["note"] = picojson::value(
        "The server has neither MOVE nor UIDPLUS: the original is marked \\Deleted but "
        "was not expunged, so other messages marked \\Deleted are not destroyed.");
  }
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeMoveMailMessageTool() {
  return std::make_unique<MailTool>(
      MailToolSpec{.name = "move_mail_message",
                   .title = "Move a message",
                   .annotations = {.read_only = false, .destructive = false, .idempotent = false, .open_world = false},
                   .scope = kScopeOrganize,
                   .description = Description(),
                   .input_schema = InputSchema(),
                   .output_schema = OutputSchema(),
                   .run = Run});
}

}  // namespace mail_mcp
