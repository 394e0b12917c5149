// delete_mail_message: permanently deletes one message, and only that one.
//
// With UIDPLUS it marks the message \Deleted and runs `UID EXPUNGE <uid>`: a mailbox-wide EXPUNGE
// (what the original does) would also destroy every other message someone had marked \Deleted.
// Without UIDPLUS there is no safe way to expunge one message, so it moves the message to Trash
// instead and says so.
// Thread-safety: stateless; Call runs concurrently.
#pragma once

#include "tools/mail_tool.h"

namespace mail_mcp {

class DeleteMailMessageTool : public MailTool {
 public:
  std::string name() const override { return "delete_mail_message"; }
  std::string title() const override { return "Delete a message"; }
  std::string description() const override;
  picojson::value input_schema() const override;
  picojson::value output_schema() const override;
  ToolAnnotations annotations() const override { return ToolAnnotations{.read_only = false, .destructive = true, .idempotent = true, .open_world = false}; }
  ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const override;
};

}  // namespace mail_mcp
