// list_mailboxes: the account's folders with their hierarchy delimiter, attributes and SPECIAL-USE
// role (RFC 6154), so the assistant can find Sent/Drafts/Trash whatever the server calls them.
// Thread-safety: stateless; Call runs concurrently.
#pragma once

#include "tools/mail_tool.h"

namespace mail_mcp {

class ListMailboxesTool : public MailTool {
 public:
  std::string name() const override { return "list_mailboxes"; }
  std::string title() const override { return "List mailboxes"; }
  std::string description() const override;
  picojson::value input_schema() const override;
  picojson::value output_schema() const override;
  ToolAnnotations annotations() const override;
  ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const override;
};

}  // namespace mail_mcp
