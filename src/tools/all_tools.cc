#include "tools/all_tools.h"

#include <memory>

#include "tools/get_mail_message.h"
#include "tools/list_mail_messages.h"
#include "tools/list_mailboxes.h"
#include "tools/search_mail_messages.h"

namespace mail_mcp {

void RegisterAllTools(ToolRegistry& registry) {
  registry.Add(std::make_unique<ListMailboxesTool>());
  registry.Add(std::make_unique<ListMailMessagesTool>());
  registry.Add(std::make_unique<GetMailMessageTool>());
  registry.Add(std::make_unique<SearchMailMessagesTool>());
}

}  // namespace mail_mcp
