// update_mail_message_flags: adds and removes flags on one message, returning the resulting flags.
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
  return "Add and/or remove flags on one message (folder + uid). System flags: \\Seen (read), \\Answered, "
         "\\Flagged (starred), \\Draft, \\Deleted; or keywords such as $Forwarded or custom labels. "
         "Returns the message's flags afterwards.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"uid":)JSON" + kUidSchema + R"JSON(,
      "add":{"type":"array","items":{"type":"string","minLength":1,"maxLength":100},"maxItems":20},
      "remove":{"type":"array","items":{"type":"string","minLength":1,"maxLength":100},"maxItems":20}},
      "required":["folder","uid"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uid":{"type":"integer"},"flags":{"type":"array","items":{"type":"string"}}},
      "required":["folder","uid","flags"]})JSON");
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder");
  uint32_t uid = uint32_t(IntArg(args, "uid", 0));
  if (Status s = ValidateFolderName(folder); !s.ok()) return ToolResult::Error(s.message());
  auto add = FlagList(args, "add");
  if (!add.ok()) return ToolResult::Error(add.status().message());
  auto remove = FlagList(args, "remove");
  if (!remove.ok()) return ToolResult::Error(remove.status().message());
  if (add->empty() && remove->empty()) return ToolResult::Error("give at least one flag in add or remove");
  std::set<std::string> added(add->begin(), add->end());
  for (const auto& f : *remove)
    if (added.count(f)) return ToolResult::Error("flag " + f + " is in both add and remove");

  auto lease = OpenImap(ctx, folder);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  if (Status s = SelectMessage(imap, folder, uid); !s.ok()) return ToolResult::Error(s.message());
  if (Status s = StoreFlags(imap, uid, "+FLAGS.SILENT", *add); !s.ok()) return ImapError(s);
  if (Status s = StoreFlags(imap, uid, "-FLAGS.SILENT", *remove); !s.ok()) return ImapError(s);
  auto flags = FetchFlags(imap, uid, folder);
  if (!flags.ok()) return ToolResult::Error(flags.status().message());
  picojson::object out;
  out["folder"] = picojson::value(folder);
  out["uid"] = picojson::value(int64_t(uid));
  picojson::array list;
  for (const auto& f : *flags) list.emplace_back(f);
  out["flags"] = picojson::value(list);
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
