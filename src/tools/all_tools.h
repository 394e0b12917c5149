// The tool set mail_mcp offers, in the order tools/list shows them.
//
// Each tool lives in its own file (tools/<name>.cc), which declares nothing but the factory below;
// RegisterAllTools calls the factories in order.
//
// Thread-safety: call once at startup; the factories only build values.
#pragma once

#include <memory>

#include "mcp/tool.h"
#include "mcp/tool_registry.h"

namespace mail_mcp {

/// Adds every tool that really works in this build (tools/list never advertises a stub).
void RegisterAllTools(ToolRegistry& registry);

std::unique_ptr<Tool> MakeListMailboxesTool();
std::unique_ptr<Tool> MakeListMailMessagesTool();
std::unique_ptr<Tool> MakeGetMailMessageTool();
std::unique_ptr<Tool> MakeSearchMailMessagesTool();
std::unique_ptr<Tool> MakeSendMailMessageTool();
std::unique_ptr<Tool> MakeCreateDraftMailMessageTool();
std::unique_ptr<Tool> MakeDeleteMailMessageTool();
std::unique_ptr<Tool> MakeMoveMailMessageTool();
std::unique_ptr<Tool> MakeUpdateMailMessageFlagsTool();
std::unique_ptr<Tool> MakeGetMailThreadTool();
std::unique_ptr<Tool> MakeForwardMailMessageTool();
std::unique_ptr<Tool> MakeCreateMailboxTool();
std::unique_ptr<Tool> MakeRenameMailboxTool();
std::unique_ptr<Tool> MakeDeleteMailboxTool();

}  // namespace mail_mcp
