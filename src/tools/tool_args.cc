#include "tools/tool_args.h"

#include <algorithm>

namespace mail_mcp {

const char kFolderSchema[] =
    R"({"type":"string","minLength":1,"maxLength":500,"description":"Folder name exactly as list_mailboxes returns it (UTF-8), e.g. INBOX"})";

const char kUidSchema[] = R"({"type":"integer","minimum":1,"maximum":4294967295})";

const char kUidOrUidsSchemaProperties[] =
    R"("uid":{"type":"integer","minimum":1,"maximum":4294967295,"description":"one message"},)"
    R"("uids":{"type":"array","items":{"type":"integer","minimum":1,"maximum":4294967295},"minItems":1,)"
    R"("maxItems":1000,"description":"several messages (instead of uid); one IMAP command for all"})";

StatusOr<std::vector<uint32_t>> UidsArg(const picojson::object& args, bool* bulk) {
  auto one = args.find("uid"), many = args.find("uids");
  *bulk = many != args.end();
  if ((one != args.end()) == *bulk) return Status::InvalidArgument("give either uid or uids (not both)");
  std::vector<uint32_t> uids;
  if (!*bulk) {
    uids.push_back(uint32_t(one->second.get<int64_t>()));
    return uids;
  }
  for (const auto& v : many->second.get<picojson::array>()) uids.push_back(uint32_t(v.get<int64_t>()));
  if (uids.empty() || uids.size() > kMaxBulkUids)
    return Status::InvalidArgument("uids takes 1 to " + std::to_string(kMaxBulkUids) + " uids");
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

std::string StringArg(const picojson::object& args, const char* name, const std::string& fallback) {
  auto it = args.find(name);
  return it != args.end() && it->second.is<std::string>() ? it->second.get<std::string>() : fallback;
}

std::optional<std::string> OptionalStringArg(const picojson::object& args, const char* name) {
  auto it = args.find(name);
  if (it == args.end() || !it->second.is<std::string>()) return std::nullopt;
  return it->second.get<std::string>();
}

int64_t IntArg(const picojson::object& args, const char* name, int64_t fallback) {
  auto it = args.find(name);
  return it != args.end() && it->second.is<int64_t>() ? it->second.get<int64_t>() : fallback;
}

std::optional<bool> OptionalBoolArg(const picojson::object& args, const char* name) {
  auto it = args.find(name);
  if (it == args.end() || !it->second.is<bool>()) return std::nullopt;
  return it->second.get<bool>();
}

Status ValidateFolderName(const std::string& folder) {
  if (folder.empty()) return Status::InvalidArgument("folder must not be empty");
  for (unsigned char c : folder)
    if (c < 0x20 || c == 0x7f)
      return Status::InvalidArgument("folder must not contain control characters (CR, LF, NUL…)");
  return Status::OK();
}

}  // namespace mail_mcp
