// update_mail_message_flags: adds and removes flags on one message, or up to kMaxBulkUids (one
// `UID STORE <set>` per direction), returning the resulting flags of each as the server reported
// them in answer to the last STORE. Round trips: the presence FETCH (with the pooled session's NOOP),
// then one STORE per direction.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include <set>

#include "imap/imap_session.h"
#include "imap/message_flags.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

StatusOr<std::vector<std::string>> FlagList(const picojson::object& args, const char* name) {
  std::vector<std::string> out;
  auto it = args.find(name);
  if (it == args.end()) return out;
  for (const auto& v : it->second.get<picojson::array>()) {
    auto f = NormalizeFlag(v.get<std::string>());
    if (!f.ok()) return Status::InvalidArgument(std::string(name) + ": " + f.status().message());
    out.push_back(*f);
  }
  return out;
}

std::string Description() {
  return "Add and/or remove flags on messages (folder + uid, or uids for up to 1000). System flags: \\Seen (read), "
         "\\Answered, \\Flagged (starred), \\Draft, \\Deleted; or keywords such as $Forwarded or custom labels. "
         "Returns the flags afterwards (per uid with uids).";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema + "," +
                            kUidOrUidsSchemaProperties + R"JSON(,
      "add":{"type":"array","items":{"type":"string","minLength":1,"maxLength":100},"maxItems":20},
      "remove":{"type":"array","items":{"type":"string","minLength":1,"maxLength":100},"maxItems":20}},
      "required":["folder"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uid":{"type":"integer"},"flags":{"type":"array","items":{"type":"string"}},
      "updated":{"type":"integer"},"missing":{"type":"integer"},
      "results":{"type":"array","items":{"type":"object","properties":{"uid":{"type":"integer"},
        "status":{"type":"string","enum":["updated","missing"]},"flags":{"type":"array","items":{"type":"string"}}},
        "required":["uid","status"]}}},
      "required":["folder"]})JSON");
}

picojson::value FlagsJson(const std::vector<std::string>& flags) {
  picojson::array list;
  for (const auto& f : flags) list.emplace_back(f);
  return picojson::value(list);
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder");
  auto add = FlagList(args, "add");
  if (!add.ok()) return ToolResult::Error(add.status().message());
  auto remove = FlagList(args, "remove");
  if (!remove.ok()) return ToolResult::Error(remove.status().message());
  if (add->empty() && remove->empty()) return ToolResult::Error("give at least one flag in add or remove");
  std::set<std::string> added(add->begin(), add->end());
  for (const auto& f : *remove)
    if (added.count(f)) return ToolResult::Error("flag " + f + " is in both add and remove");

  auto selected = SelectMessages(args, ctx);
  if (!selected.ok()) return ToolResult::Error(selected.status().message());
  ImapSession& imap = *selected->lease;
  const bool bulk = selected->bulk;
  const std::vector<uint32_t>& uids = selected->uids;
  const std::vector<uint32_t>& targets = selected->targets;
  // The last STORE is sent without .SILENT, so the server's answer carries the resulting flags and
  // no FETCH follows (one round trip fewer); a message it did not report is read back on its own.
  const bool removing = !remove->empty();
  if (removing)
    if (Status s = StoreFlags(imap, targets, "+FLAGS.SILENT", *add); !s.ok()) return ImapError(s);
  auto after = StoreFlagsReporting(imap, targets, removing ? "-FLAGS" : "+FLAGS", removing ? *remove : *add);
  if (!after.ok()) return ImapError(after.status());
  std::vector<uint32_t> unreported;
  for (uint32_t uid : targets)
    if (!after->count(uid)) unreported.push_back(uid);
  if (!unreported.empty()) {
    auto rest = FetchFlagsOf(imap, unreported);
    if (!rest.ok()) return ImapError(rest.status());
    after->merge(*rest);
  }

  picojson::object out;
  out["folder"] = picojson::value(folder);
  if (!bulk) {
    auto it = after->find(uids.front());
    if (it == after->end())
      return ToolResult::Error("Message not found: no message with uid " + std::to_string(uids.front()) + " in '" +
                               folder + "'");
    out["uid"] = picojson::value(int64_t(uids.front()));
    out["flags"] = FlagsJson(it->second);
    return ToolResult::Ok(picojson::value(out));
  }
  picojson::array results;
  int64_t updated = 0, missing = 0;
  for (uint32_t uid : uids) {
    picojson::object e;
    e["uid"] = picojson::value(int64_t(uid));
    auto it = after->find(uid);
    e["status"] = picojson::value(it == after->end() ? "missing" : "updated");
    if (it != after->end()) e["flags"] = FlagsJson(it->second);
    ++(it == after->end() ? missing : updated);
    results.emplace_back(e);
  }
  out["updated"] = picojson::value(updated);
  out["missing"] = picojson::value(missing);
  out["results"] = picojson::value(results);
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeUpdateMailMessageFlagsTool() {
  return std::make_unique<MailTool>(
      MailToolSpec{.name = "update_mail_message_flags",
                   .title = "Update message flags",
                   .annotations = {.read_only = false, .destructive = false, .idempotent = true, .open_world = false},
                   .scope = kScopeOrganize,
                   .description = Description(),
                   .input_schema = InputSchema(),
                   .output_schema = OutputSchema(),
                   .run = Run});
}

}  // namespace mail_mcp
