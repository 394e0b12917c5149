#include "tools/all_tools.h"

namespace mail_mcp {

void RegisterAllTools(ToolRegistry& registry) {
  registry.Add(MakeListMailboxesTool());
  registry.Add(MakeListMailMessagesTool());
  registry.Add(MakeGetMailMessageTool());
  registry.Add(MakeSearchMailMessagesTool());
  registry.Add(MakeGetMailThreadTool());
  registry.Add(MakeSendMailMessageTool());
  registry.Add(MakeForwardMailMessageTool());
  registry.Add(MakeCreateDraftMailMessageTool());
  registry.Add(MakeDeleteMailMessageTool());
  registry.Add(MakeMoveMailMessageTool());
  registry.Add(MakeUpdateMailMessageFlagsTool());
  registry.Add(MakeCreateMailboxTool());
  registry.Add(MakeRenameMailboxTool());
  registry.Add(MakeDeleteMailboxTool());
}

}  // namespace mail_mcp
