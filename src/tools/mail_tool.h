// MailTool: every mail tool, made from a MailToolSpec; and MailContext, what such a tool runs with.
//
// The protocol layer hands tools an opaque ToolContext (mcp/tool.h); the HTTP layer builds a
// MailContext for the authenticated user, and MailTool turns the one into the other in one place,
// so each tool's run function gets the mailbox it acts on already in hand. A tool is data (its
// name, description, schemas, hints and the scope it needs, from tools/mail_scopes.h) plus that
// function: each tools/<name>.cc fills in a
// MailToolSpec and exposes it through a factory in tools/all_tools.h.
//
// Thread-safety: MailContext is a per-call value (its pointees outlive the call and are shared
// read-only, except the session pool, which locks internally); a MailTool is immutable after
// construction, and run functions keep no state, so Call runs concurrently.
#pragma once

#include <string>
#include <utility>

#include "imap/imap_session_pool.h"
#include "mcp/tool.h"
#include "net/mail_account.h"
#include "store/attachment_store.h"
#include "tools/mail_scopes.h"
#include "tools/upstream_limits.h"

namespace mail_mcp {

/// Per-call state a mail tool runs with: whose mailbox, and how to reach it.
struct MailContext : ToolContext {
  const MailAccount* account = nullptr;
  const MailConnectOptions* connect = nullptr;
  /// Where attachments are published and attachment_urls resolved; null when the server has none.
  const AttachmentStore* attachments = nullptr;
  /// Where IMAP sessions are borrowed (OpenImap in tools/message_lookup.h); null: a new connection
  /// per call, logged out at its end.
  ImapSessionPool* imap_pool = nullptr;
  /// Caps on calls in flight per mailbox and per client (checked by MailTool::Call); null: none.
  UpstreamLimits* upstream_limits = nullptr;
  /// The client's key (its address; an IPv6 one by /64), for the per-client cap.
  std::string client;

  MailContext(const MailAccount* account, const MailConnectOptions* connect, const AttachmentStore* attachments,
              ImapSessionPool* imap_pool = nullptr)
      : account(account), connect(connect), attachments(attachments), imap_pool(imap_pool) {}
};

/// The hints of a tool that only reads the user's own mailbox: it changes nothing, so calling it
/// again is harmless, and it reaches no one outside the account (closed world).
inline constexpr ToolAnnotations kReadsMailbox{
    .read_only = true, .destructive = false, .idempotent = true, .open_world = false};

/// What a mail tool is, as tools/list shows it, and the function that runs it.
struct MailToolSpec {
  std::string name;
  std::string title;
  ToolAnnotations annotations;
  /// The scope (kScopeRead, …) a grant must hold to list and call the tool; its annotations must
  /// agree with what MailScopes() says that scope may do.
  const char* scope = nullptr;
  std::string description;
  /// Parsed once, when the tool is made (the schema literals are checked by the unit tests).
  picojson::value input_schema;
  picojson::value output_schema;
  /// Runs the tool with `arguments` that passed input_schema.
  ToolResult (*run)(const picojson::object& arguments, const MailContext& ctx) = nullptr;
  /// Optional: scopes a call with these (validated) arguments needs beyond `scope`.
  ScopeSet (*extra_scopes)(const picojson::object& arguments) = nullptr;
  /// Optional: rewrites lenient forms the description promises into the form input_schema states,
  /// before validation (Tool::NormalizeArguments).
  void (*normalize)(picojson::object& arguments) = nullptr;
};

class MailTool final : public Tool {
 public:
  explicit MailTool(MailToolSpec spec) : spec_(std::move(spec)) {}

  std::string name() const override { return spec_.name; }
  std::string title() const override { return spec_.title; }
  std::string description() const override { return spec_.description; }
  picojson::value input_schema() const override { return spec_.input_schema; }
  picojson::value output_schema() const override { return spec_.output_schema; }
  ToolAnnotations annotations() const override { return spec_.annotations; }
  std::string required_scope() const override { return spec_.scope ? spec_.scope : ""; }
  ScopeSet ExtraScopesFor(const picojson::object& arguments) const override {
    return spec_.extra_scopes ? spec_.extra_scopes(arguments) : ScopeSet();
  }
  void NormalizeArguments(picojson::object& arguments) const override {
    if (spec_.normalize) spec_.normalize(arguments);
  }

  /// Calls the run function; a context that is not a MailContext (a caller that authenticated no
  /// mailbox) is an error result, never a crash.
  ToolResult Call(const picojson::object& arguments, const ToolContext& ctx) const override {
    const auto* mail = dynamic_cast<const MailContext*>(&ctx);
    if (mail == nullptr || mail->account == nullptr || mail->connect == nullptr)
      return ToolResult::Error("internal error: this call carries no mailbox");
    if (!mail->upstream_limits) return spec_.run(arguments, *mail);
    auto slot = mail->upstream_limits->Acquire(*mail->account, mail->client);
    if (!slot.ok()) return ToolResult::Error(slot.status().message());
    return spec_.run(arguments, *mail);
  }

 private:
  const MailToolSpec spec_;
};

}  // namespace mail_mcp
