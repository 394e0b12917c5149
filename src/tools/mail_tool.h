// MailTool: the base of every mail tool, and MailContext, what such a tool runs with.
//
// The protocol layer hands tools an opaque ToolContext (mcp/tool.h); the HTTP layer builds a
// MailContext for the authenticated user, and MailTool turns the one into the other in one place,
// so each tool implements Run with the mailbox it acts on already in hand.
//
// Thread-safety: MailContext is a per-call value (its pointees outlive the call and are shared
// read-only); MailTool subclasses are stateless and Run runs concurrently.
#pragma once

#include "mcp/tool.h"
#include "net/mail_account.h"
#include "store/attachment_store.h"

namespace mail_mcp {

/// Per-call state a mail tool runs with: whose mailbox, and how to reach it.
struct MailContext : ToolContext {
  const MailAccount* account = nullptr;
  const MailConnectOptions* connect = nullptr;
  /// Where attachments are published and attachment_urls resolved; null when the server has none.
  const AttachmentStore* attachments = nullptr;

  MailContext(const MailAccount* account, const MailConnectOptions* connect, const AttachmentStore* attachments)
      : account(account), connect(connect), attachments(attachments) {}
};

class MailTool : public Tool {
 public:
  /// Runs the tool with `arguments` that passed input_schema().
  virtual ToolResult Run(const picojson::object& arguments, const MailContext& ctx) const = 0;

  /// Calls Run; a context that is not a MailContext (a caller that authenticated no mailbox) is an
  /// error result, never a crash.
  ToolResult Call(const picojson::object& arguments, const ToolContext& ctx) const final {
    const auto* mail = dynamic_cast<const MailContext*>(&ctx);
    if (mail == nullptr || mail->account == nullptr || mail->connect == nullptr)
      return ToolResult::Error("internal error: this call carries no mailbox");
    return Run(arguments, *mail);
  }
};

}  // namespace mail_mcp
