// search_mail_messages: UID SEARCH with validated criteria; returns matching UIDs newest first, the
// count, and summaries of the first `limit` hits so the caller need not fetch each one.
//
// `query` is raw IMAP SEARCH criteria, tokenized and checked against the search-key grammar
// (src/imap/search_query.h); the structured fields (from, to, subject, text, since, before, unseen,
// flagged) need no IMAP knowledge and are ANDed with it. Non-ASCII text adds CHARSET UTF-8.
// Thread-safety: stateless; Call runs concurrently.
#pragma once

#include "tools/mail_tool.h"

namespace mail_mcp {

class SearchMailMessagesTool : public MailTool {
 public:
  /// UIDs returned in full up to this many; `count` is always exact.
  static constexpr size_t kMaxUidsReturned = 1000;

  std::string name() const override { return "search_mail_messages"; }
  std::string title() const override { return "Search messages"; }
  std::string description() const override;
  picojson::value input_schema() const override;
  picojson::value output_schema() const override;
  ToolAnnotations annotations() const override { return ToolAnnotations{.read_only = true, .destructive = false, .idempotent = true, .open_world = false}; }
  ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const override;
};

}  // namespace mail_mcp
