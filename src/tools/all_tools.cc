#include "tools/all_tools.h"

#include <memory>

#include "tools/list_mailboxes.h"

namespace mail_mcp {

void RegisterAllTools(ToolRegistry& registry) { registry.Add(std::make_unique<ListMailboxesTool>()); }

}  // namespace mail_mcp
