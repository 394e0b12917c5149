// delete_mail_message: permanently deletes one message, or up to kMaxBulkUids, and only those.
//
// With UIDPLUS it marks the messages \Deleted and runs `UID EXPUNGE <set>`: a mailbox-wide EXPUNGE
// (what the original does) would also destroy every other message someone had marked \Deleted.
// Without UIDPLUS there is no safe way to expunge single messages, so it moves them to Trash
// instead and says so. A UID that is not there is reported missing; one still there afterwards
// (checked with a FETCH) is reported failed, whatever the server answered.
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
  return "Permanently delete messages (folder + uid, or uids for up to 1000). Only those messages are expunged; "
         "others are never touched. With uids, a result per uid: deleted, missing or failed. If the server cannot "
         "expunge single messages (no UIDPLUS), they are moved to Trash instead and the result says so. To keep a "
         "copy, use move_mail_message to Trash.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema + "," +
                            kUidOrUidsSchemaProperties + R"JSON(},
      "required":["folder"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uid":{"type":"integer"},"deleted":{"type":"boolean"},
      "method":{"type":"string","enum":["expunged","moved_to_trash"]},"trash_folder":{"type":"string"},
      "note":{"type":"string"},"deleted_count":{"type":"integer"},"missing":{"type":"integer"},
      "failed":{"type":"integer"},
      "results":{"type":"array","items":{"type":"object","properties":{"uid":{"type":"integer"},
        "status":{"type":"string","enum":["deleted","missing","failed"]}},"required":["uid","status"]}}},
      "required":["folder","deleted","method"]})JSON");
}

/// Removes `targets` (all present in the selected folder): expunged with UIDPLUS, else moved to Trash.
/// Fills method/trash_folder/note.
Status Remove(ImapSession& imap, const std::string& folder, const std::vector<uint32_t>& targets,
              picojson::object* out) {
  if (imap.HasCapability("UIDPLUS")) {
    if (Status s = StoreFlags(imap, targets, "+FLAGS.SILENT", {"\\Deleted"}); !s.ok()) return s;
    if (Status s = ExpungeUids(imap, targets); !s.ok()) return s;
    (*out)["method"] = picojson::value("expunged");
    return Status::OK();
  }
  auto trash = FindRoleFolder(imap, "\\Trash", "Trash");
  if (!trash.ok())
    return Status::PermissionDenied(
        "this server cannot expunge single messages (no UIDPLUS) and has no Trash folder; nothing was changed");
  if (*trash == folder)
    return Status::PermissionDenied(
        "this server cannot expunge single messages (no UIDPLUS), and the messages are already in Trash; "
        "nothing was changed");
  ImapCommand move(imap.HasCapability("MOVE") ? "UID MOVE" : "UID COPY");
  move.Atom(CompressSequenceSet(targets)).Mailbox(*trash);
  if (auto r = imap.RunOk(move); !r.ok()) return r.status();
  if (!imap.HasCapability("MOVE"))
    if (Status s = StoreFlags(imap, targets, "+FLAGS.SILENT", {"\\Deleted"}); !s.ok()) return s;
  (*out)["method"] = picojson::value("moved_to_trash");
  (*out)["trash_folder"] = picojson::value(*trash);
  (*out)["note"] = picojson::value("The server cannot expunge single messages (no UIDPLUS), so they were moved to " +
                                   *trash + " instead.");
  return Status::OK();
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder");
  auto selected = SelectMessages(args, ctx);
  if (!selected.ok()) return ToolResult::Error(selected.status().message());
  ImapSession& imap = *selected->lease;
  const bool bulk = selected->bulk;
  const std::vector<uint32_t>& uids = selected->uids;
  const auto& present = selected->present;
  const std::vector<uint32_t>& targets = selected->targets;

  picojson::object out;
  out["folder"] = picojson::value(folder);
  out["method"] = picojson::value(imap.HasCapability("UIDPLUS") ? "expunged" : "moved_to_trash");
  if (!targets.empty()) {
    if (Status s = Remove(imap, folder, targets, &out); !s.ok()) {
      if (s.code() == Status::Code::kPermissionDenied) return ToolResult::Error(s.message());
      if (!bulk) return ImapError(s);
      out["note"] = picojson::value(ImapFailure(s.message()));
    }
  }
  // What is still there was not deleted, whatever the server answered.
  auto left = FetchFlagsOf(imap, targets);
  if (!left.ok()) return ImapError(left.status(), "could not check what was deleted");
  picojson::array results;
  int64_t deleted = 0, missing = 0, failed = 0;
  for (uint32_t uid : uids) {
    const char* status = !present.count(uid) ? "missing" : left->count(uid) ? "failed" : "deleted";
    ++(*status == 'm' ? missing : *status == 'f' ? failed : deleted);
    picojson::object e;
    e["uid"] = picojson::value(int64_t(uid));
    e["status"] = picojson::value(status);
    results.emplace_back(e);
  }
  if (!bulk) {
    if (failed) return ImapError(Status::Internal("the message is still there after the delete"));
    out["uid"] = picojson::value(int64_t(uids.front()));
  }
  out["deleted"] = picojson::value(deleted > 0 && failed == 0);
  out["deleted_count"] = picojson::value(deleted);
  out["missing"] = picojson::value(missing);
  out["failed"] = picojson::value(failed);
  out["results"] = picojson::value(results);
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
