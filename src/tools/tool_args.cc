#include "tools/tool_args.h"

namespace mail_mcp {

const char kFolderSchema[] =
    R"({"type":"string","minLength":1,"maxLength":500,"description":"Folder name exactly as list_mailboxes returns it (UTF-8), e.g. INBOX"})";

const char kUidSchema[] = R"({"type":"integer","minimum":1,"maximum":4294967295})";

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
