// get_mail_message: one message's headers, decoded text (windowed), HTML and attachment list.
//
// It fetches the structure first and then only the text parts, so a message with a 50 MB
// attachment costs what its text costs. Reading uses BODY.PEEK on a read-only EXAMINE: it never sets
// \Seen unless `mark_as_read` asks for it. Bodies are windowed (max_body_chars, body_offset) so a
// huge newsletter cannot flood the model's context.
// Thread-safety: stateless; Call runs concurrently.
#pragma once

#include "tools/mail_tool.h"

namespace mail_mcp {

class GetMailMessageTool : public MailTool {
 public:
  static constexpr int64_t kDefaultMaxBodyChars = 20000;
  /// Text parts larger than this are fetched partially (the window cannot reach further anyway).
  static constexpr uint64_t kMaxTextPartBytes = 8u << 20;

  std::string name() const override { return "get_mail_message"; }
  std::string title() const override { return "Read a message"; }
  std::string description() const override;
  picojson::value input_schema() const override;
  picojson::value output_schema() const override;
  ToolAnnotations annotations() const override { return ToolAnnotations{.read_only = true, .destructive = false, .idempotent = true, .open_world = false}; }
  ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const override;
};

}  // namespace mail_mcp
