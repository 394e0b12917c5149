#include "tools/all_tools.h"

namespace mail_mcp {

void RegisterAllTools(ToolRegistry& registry) {
  registry.Add(MakeListMailboxesTool());
  registry.Add(MakeListMailMessagesTool());
  registry.Add(MakeGetMailMessageTool());
  registry.Add(MakeSearchMailMessagesTool());
  registry.Add(MakeSendMailMessageTool());
  registry.Add(MakeCreateDraftMailMessageTool());
  registry.Add(MakeDeleteMailMessageTool());
  registry.Add(MakeMoveMailMessageTool());
  registry.Add(MakeUpdateMailMessageFlagsTool());
}

}  // namespace mail_mcp
