// list_mail_messages: one page of a folder's messages, newest first, with decoded envelopes.
//
// The cost does not grow with the folder: the page's sequence range is computed from EXISTS (no
// SEARCH ALL over the whole mailbox), then a single FETCH brings the page's summaries.
// Thread-safety: stateless; Call runs concurrently.
#pragma once

#include "tools/mail_tool.h"

namespace mail_mcp {

class ListMailMessagesTool : public MailTool {
 public:
  /// Bounds and default the input schema states and Run relies on: with them, (page - 1) * per_page
  /// stays far inside int64, and one page is one FETCH of at most kMaxPerPage summaries.
  static constexpr int64_t kMaxPage = 1000000;
  static constexpr int64_t kMaxPerPage = 100;
  static constexpr int64_t kDefaultPerPage = 20;

  std::string name() const override { return "list_mail_messages"; }
  std::string title() const override { return "List messages"; }
  std::string description() const override;
  picojson::value input_schema() const override;
  picojson::value output_schema() const override;
  ToolAnnotations annotations() const override { return ToolAnnotations{.read_only = true, .destructive = false, .idempotent = true, .open_world = false}; }
  ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const override;
};

}  // namespace mail_mcp
