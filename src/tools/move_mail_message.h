// move_mail_message: moves one message to another folder and reports its new UID.
//
// `UID MOVE` when the server has MOVE (RFC 6851); otherwise `UID COPY`, then \Deleted and
// `UID EXPUNGE` of that UID only (UIDPLUS), never a mailbox-wide EXPUNGE. The new UID comes from
// COPYUID (RFC 4315).
// Thread-safety: stateless; Call runs concurrently.
#pragma once

#include "tools/mail_tool.h"

namespace mail_mcp {

class MoveMailMessageTool : public MailTool {
 public:
  std::string name() const override { return "move_mail_message"; }
  std::string title() const override { return "Move a message"; }
  std::string description() const override;
  picojson::value input_schema() const override;
  picojson::value output_schema() const override;
  ToolAnnotations annotations() const override { return ToolAnnotations{.read_only = false, .destructive = false, .idempotent = false, .open_world = false}; }
  ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const override;
};

}  // namespace mail_mcp
