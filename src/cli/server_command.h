// `mail_mcp server`: runs the HTTP server (OAuth authorization server + MCP endpoint).
// Thread-safety: called once from main.
#pragma once

#include <string>
#include <vector>

namespace mail_mcp {

/// Returns the process exit status.
int RunServerCommand(const std::vector<std::string>& args);

}  // namespace mail_mcp
