// move_mail_message: moves one message, or up to kMaxBulkUids, to another folder and reports their
// new UIDs.
//
// One `UID FETCH <set>` finds which of the UIDs are there (a missing one is reported, not an error
// for the rest), then one `UID MOVE <set>` (RFC 6851), the set in compact form (1:5,7); without
// MOVE, `UID COPY <set>`, \Deleted and `UID EXPUNGE <set>` of exactly those UIDs (UIDPLUS), never a
// mailbox-wide EXPUNGE. The new UIDs come from COPYUID (RFC 4315), paired by position.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include <map>
#include <optional>

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
  return "Move messages (folder + uid, or uids: up to 1000 in one call) to destination, a folder name from "
         "list_mailboxes. Returns the new uids when the server reports them; with uids, a result per uid: moved, "
         "missing or failed.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema + "," +
                            kUidOrUidsSchemaProperties + R"JSON(,"destination":)JSON" + kFolderSchema +
                            R"JSON(},"required":["folder","destination"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uid":{"type":"integer"},"destination":{"type":"string"},
      "new_uid":{"type":["integer","null"]},"destination_uidvalidity":{"type":["integer","null"]},
      "method":{"type":"string","enum":["move","copy_expunge","copy_only"]},"note":{"type":"string"},
      "moved":{"type":"integer"},"missing":{"type":"integer"},"failed":{"type":"integer"},
      "results":{"type":"array","items":{"type":"object","properties":{"uid":{"type":"integer"},
        "status":{"type":"string","enum":["moved","missing","failed"]},"new_uid":{"type":["integer","null"]}},
        "required":["uid","status"]}}},
      "required":["folder","destination","method"]})JSON");
}

/// One entry of `results`.
picojson::value Entry(uint32_t uid, const char* status, std::optional<uint32_t> new_uid = std::nullopt) {
  picojson::object e;
  e["uid"] = picojson::value(int64_t(uid));
  e["status"] = picojson::value(status);
  if (std::string_view(status) != "missing")
    e["new_uid"] = new_uid ? picojson::value(int64_t(*new_uid)) : picojson::value();
  return picojson::value(e);
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder"), destination = StringArg(args, "destination");
  if (Status s = ValidateFolderName(destination); !s.ok()) return ToolResult::Error(s.message());
  if (folder == destination) return ToolResult::Error("destination is the folder the messages are already in");
  // Only messages that are there are moved: a missing uid is reported, never an error for the rest.
  auto selected = SelectMessages(args, ctx);
  if (!selected.ok()) return ToolResult::Error(selected.status().message());
  ImapSession& imap = *selected->lease;
  const bool bulk = selected->bulk;
  const std::vector<uint32_t>& uids = selected->uids;
  const auto& present = selected->present;
  const std::vector<uint32_t>& targets = selected->targets;

  picojson::object out;
  out["folder"] = picojson::value(folder);
  out["destination"] = picojson::value(destination);
  bool has_move = imap.HasCapability("MOVE");
  std::optional<CopyUid> copyuid;
  if (!targets.empty()) {
    ImapCommand move(has_move ? "UID MOVE" : "UID COPY");
    move.Atom(CompressSequenceSet(targets)).Mailbox(destination);
    auto r = imap.Run(move);
    if (!r.ok()) return ImapError(r.status());
    if (!r->ok()) {
      bool missing = r->text.find("TRYCREATE") != std::string::npos;
      return ToolResult::Error(missing ? "destination folder '" + destination + "' does not exist; nothing was moved"
                                       : ImapFailure("the server refused to move: " + r->text.substr(0, 300)));
    }
    // UID MOVE may report COPYUID in several untagged OKs (one per batch the server moved).
    std::vector<std::string_view> texts{r->text};
    for (const ImapResponse& u : r->untagged)
      if (u.status() == "OK") texts.push_back(u.text);
    for (std::string_view t : texts) {
      auto c = ParseCopyUid(t, kMaxBulkUids);
      if (!c) continue;
      if (!copyuid) copyuid = CopyUid{c->uidvalidity, {}, {}};
      copyuid->source_uids.insert(copyuid->source_uids.end(), c->source_uids.begin(), c->source_uids.end());
      copyuid->dest_uids.insert(copyuid->dest_uids.end(), c->dest_uids.begin(), c->dest_uids.end());
    }
  }
  out["destination_uidvalidity"] = copyuid ? picojson::value(int64_t(copyuid->uidvalidity)) : picojson::value();
  std::string failure;  // why the originals were not removed (copy without MOVE)
  if (has_move) {
    out["method"] = picojson::value("move");
  } else if (Status s = StoreFlags(imap, targets, "+FLAGS.SILENT", {"\\Deleted"}); !s.ok()) {
    failure = "copied, but could not mark the originals \\Deleted: " + s.message();
    out["method"] = picojson::value("copy_only");
  } else if (imap.HasCapability("UIDPLUS")) {
    if (Status e = ExpungeUids(imap, targets); !e.ok())
      failure = "copied, but could not expunge the originals: " + e.message();
    out["method"] = picojson::value("copy_expunge");
  } else {
    out["method"] = picojson::value("copy_only");
    out["note"] = picojson::value(
        "The server has neither MOVE nor UIDPLUS: the originals are marked \\Deleted but "
        "were not expunged, so other messages marked \\Deleted are not destroyed.");
  }
  if (!failure.empty() && !bulk) return ToolResult::Error(ImapFailure(failure));
  if (!failure.empty()) out["note"] = picojson::value(ImapFailure(failure));

  // COPYUID pairs each source uid with its new uid; a uid the server left out (expunged meanwhile)
  // was not moved.
  std::map<uint32_t, uint32_t> new_uids;
  if (copyuid && copyuid->source_uids.size() == copyuid->dest_uids.size())
    for (size_t i = 0; i < copyuid->source_uids.size(); ++i) new_uids[copyuid->source_uids[i]] = copyuid->dest_uids[i];
  picojson::array results;
  int64_t moved = 0, missing = 0, failed = 0;
  for (uint32_t uid : uids) {
    auto n = new_uids.find(uid);
    if (!present.count(uid) || (copyuid && n == new_uids.end())) {
      results.push_back(Entry(uid, "missing"));
      ++missing;
    } else if (!failure.empty()) {
      results.push_back(Entry(uid, "failed", n == new_uids.end() ? std::nullopt : std::optional(n->second)));
      ++failed;
    } else {
      results.push_back(Entry(uid, "moved", n == new_uids.end() ? std::nullopt : std::optional(n->second)));
      ++moved;
    }
  }
  if (!bulk) {
    const auto& only = results.front().get<picojson::object>();
    out["uid"] = only.at("uid");
    out["new_uid"] = only.count("new_uid") ? only.at("new_uid") : picojson::value();
    if (only.at("status").get<std::string>() == "missing")
      return ToolResult::Error("Message not found: no message with uid " + std::to_string(uids.front()) + " in '" +
                               folder + "'");
  }
  out["moved"] = picojson::value(moved);
  out["missing"] = picojson::value(missing);
  out["failed"] = picojson::value(failed);
  out["results"] = picojson::value(results);
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
