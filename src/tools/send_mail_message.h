// send_mail_message: composes a message, submits it over SMTP, then files a copy in Sent.
//
// Success is reported only when the SMTP server accepted the message. The Sent copy goes to the
// SPECIAL-USE \Sent folder (fallback "Sent"; the original hard-codes "Sent" and fails on Gmail);
// if that APPEND fails, the result says the mail was sent and the copy was not. A reply
// (`reply_to`) gets threading headers, and the original gets \Answered after the send.
// Thread-safety: stateless; Call runs concurrently.
#pragma once

#include "tools/mail_tool.h"

namespace mail_mcp {

class SendMailMessageTool : public MailTool {
 public:
  std::string name() const override { return "send_mail_message"; }
  std::string title() const override { return "Send a message"; }
  std::string description() const override;
  picojson::value input_schema() const override;
  picojson::value output_schema() const override;
  ToolAnnotations annotations() const override { return ToolAnnotations{.read_only = false, .destructive = false, .idempotent = false, .open_world = true}; }
  ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const override;
};

}  // namespace mail_mcp
