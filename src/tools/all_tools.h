// The tool set mail_mcp offers, in the order tools/list shows them.
// Thread-safety: call once at startup.
#pragma once

#include "mcp/tool_registry.h"

namespace mail_mcp {

/// Adds every tool that really works in this build (tools/list never advertises a stub).
void RegisterAllTools(ToolRegistry& registry);

}  // namespace mail_mcp
