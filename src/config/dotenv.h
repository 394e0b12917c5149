// Reading configuration variables from the process environment and a `.env` file.
//
// The `.env` format is the common one: `KEY=value` lines, `#` comments, blank lines, an optional
// `export ` prefix, and values optionally in single quotes (taken literally) or double quotes
// (with \n, \", \\ escapes). Variables already in the environment win over the file, so an
// operator can always override a file on disk.
//
// Thread-safety: pure functions (ReadProcessEnvironment reads `environ`, which nothing in mail_mcp writes).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "util/status.h"

namespace mail_mcp {

using EnvMap = std::map<std::string, std::string>;

/// Parses the text of a .env file. Errors name the line number (never a value: values may be secrets).
StatusOr<EnvMap> ParseDotEnv(std::string_view text);
EnvMap ReadProcessEnvironment();
/// Process environment over the .env file at `path` (a missing file is not an error).
StatusOr<EnvMap> ReadEnvironmentWithDotEnv(const std::string& path);

}  // namespace mail_mcp
