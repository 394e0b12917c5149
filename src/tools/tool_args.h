// Reading tool arguments that the schema validator has already checked, plus the checks a schema
// cannot express (control characters in folder names).
// Thread-safety: pure functions.
#pragma once

#include <picojson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

std::string StringArg(const picojson::object& args, const char* name, const std::string& fallback = "");
std::optional<std::string> OptionalStringArg(const picojson::object& args, const char* name);
int64_t IntArg(const picojson::object& args, const char* name, int64_t fallback);
std::optional<bool> OptionalBoolArg(const picojson::object& args, const char* name);
/// Folder names reach IMAP commands: no control characters, valid length. Checked before connecting.
Status ValidateFolderName(const std::string& folder);

/// The JSON Schema fragment for a `folder` argument.
extern const char kFolderSchema[];
/// The JSON Schema fragment for a message `uid` argument: an RFC 3501 nz-number (1 to 2^32 - 1).
extern const char kUidSchema[];
/// Most UIDs one bulk call (`uids`) takes: one IMAP command line stays under ~12 KB even when no two
/// are adjacent, well inside every server's line limit (Dovecot 64 KB).
constexpr size_t kMaxBulkUids = 1000;
/// The JSON Schema properties "uid" and "uids" (one message, or up to kMaxBulkUids), as text to
/// splice into an object schema; UidsArg demands exactly one of them.
extern const char kUidOrUidsSchemaProperties[];
/// The UIDs of `uid` or `uids`, ascending, duplicates dropped; InvalidArgument unless exactly one of
/// the two was given. `*bulk` says `uids` was.
StatusOr<std::vector<uint32_t>> UidsArg(const picojson::object& args, bool* bulk);

}  // namespace mail_mcp
