// create_draft_mail_message: composes a message like send_mail_message and files it, flagged
// \Draft, in the SPECIAL-USE \Drafts folder (fallback "Drafts"), without sending it.
// Thread-safety: stateless; Call runs concurrently.
#pragma once

#include "tools/mail_tool.h"

namespace mail_mcp {

class CreateDraftMailMessageTool : public MailTool {
 public:
  std::string name() const override { return "create_draft_mail_message"; }
  std::string title() const override { return "Create a draft"; }
  std::string description() const override;
  picojson::value input_schema() const override;
  picojson::value output_schema() const override;
  ToolAnnotations annotations() const override { return ToolAnnotations{.read_only = false, .destructive = false, .idempotent = false, .open_world = false}; }
  ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const override;
};

}  // namespace mail_mcp
