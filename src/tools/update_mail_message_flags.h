// update_mail_message_flags: adds and removes flags on one message, returning the resulting flags.
// Thread-safety: stateless; Call runs concurrently.
#pragma once

#include "tools/mail_tool.h"

namespace mail_mcp {

class UpdateMailMessageFlagsTool : public MailTool {
 public:
  std::string name() const override { return "update_mail_message_flags"; }
  std::string title() const override { return "Update message flags"; }
  std::string description() const override;
  picojson::value input_schema() const override;
  picojson::value output_schema() const override;
  ToolAnnotations annotations() const override { return ToolAnnotations{.read_only = false, .destructive = false, .idempotent = true, .open_world = false}; }
  ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const override;
};

}  // namespace mail_mcp
