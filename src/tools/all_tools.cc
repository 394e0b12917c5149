#include "tools/all_tools.h"

#include <memory>

#include "tools/create_draft_mail_message.h"
#include "tools/delete_mail_message.h"
#include "tools/get_mail_message.h"
#include "tools/list_mail_messages.h"
#include "tools/list_mailboxes.h"
#include "tools/move_mail_message.h"
#include "tools/search_mail_messages.h"
#include "tools/send_mail_message.h"
#include "tools/update_mail_message_flags.h"

namespace mail_mcp {

void RegisterAllTools(ToolRegistry& registry) {
  registry.Add(std::make_unique<ListMailboxesTool>());
  registry.Add(std::make_unique<ListMailMessagesTool>());
  registry.Add(std::make_unique<GetMailMessageTool>());
  registry.Add(std::make_unique<SearchMailMessagesTool>());
  registry.Add(std::make_unique<SendMailMessageTool>());
  registry.Add(std::make_unique<CreateDraftMailMessageTool>());
  registry.Add(std::make_unique<DeleteMailMessageTool>());
  registry.Add(std::make_unique<MoveMailMessageTool>());
  registry.Add(std::make_unique<UpdateMailMessageFlagsTool>());
}

}  // namespace mail_mcp
