#include "tools/update_mail_message_flags.h"

#include <set>

#include "imap/imap_session.h"
#include "imap/message_flags.h"
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

}  // namespace

std::string UpdateMailMessageFlagsTool::description() const {
  return "Add and/or remove flags on one message (folder + uid). System flags: \\Seen (read), \\Answered, "
         "\\Flagged (starred), \\Draft, \\Deleted; or keywords such as $Forwarded or custom labels. "
         "Returns the message's flags afterwards.";
}

picojson::value UpdateMailMessageFlagsTool::input_schema() const {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"uid":{"type":"integer","minimum":1,"maximum":4294967295},
      "add":{"type":"array","items":{"type":"string","minLength":1,"maxLength":100},"maxItems":20},
      "remove":{"type":"array","items":{"type":"string","minLength":1,"maxLength":100},"maxItems":20}},
      "required":["folder","uid"],"additionalProperties":false})JSON");
}

picojson::value UpdateMailMessageFlagsTool::output_schema() const {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uid":{"type":"integer"},"flags":{"type":"array","items":{"type":"string"}}},
      "required":["folder","uid","flags"]})JSON");
}

ToolResult UpdateMailMessageFlagsTool::Run(const picojson::object& args, const MailContext& ctx) const {
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

  ImapSession imap(*ctx.account, *ctx.connect);
  auto box = OpenFolder(imap, folder, /*writable=*/true);
  if (!box.ok()) return ToolResult::Error(box.status().message());
  if (auto flags = FetchFlags(imap, uid, folder); !flags.ok()) return ToolResult::Error(flags.status().message());
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

}  // namespace mail_mcp
