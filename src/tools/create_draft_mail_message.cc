// create_draft_mail_message: composes a message like send_mail_message and files it, flagged
// \Draft, in the SPECIAL-USE \Drafts folder (fallback "Drafts"), without sending it.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include "tools/mail_tool.h"
#include "tools/mailbox_roles.h"
#include "tools/message_lookup.h"
#include "tools/outgoing_message.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

std::string Description() {
  return "Save a message as a draft (not sent) in the Drafts folder, for the user to review and send from "
         "their mail client. Same fields as send_mail_message; recipients are optional. reply_to makes the "
         "draft a threaded reply. Returns the draft's folder and uid.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(
      std::string(R"JSON({"type":"object","properties":{)JSON") + kComposeSchemaProperties +
      R"JSON(,"folder":{"type":"string","minLength":1,"maxLength":500,"description":"where to save the draft (default: the Drafts folder)"}},
      "additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "message_id":{"type":"string"},"folder":{"type":"string"},"uid":{"type":["integer","null"]}},
      "required":["message_id","folder","uid"]})JSON");
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  ComposeRequest request;
  std::optional<ReplyTarget> reply;
  if (Status s = ReadComposeArguments(args, ctx, false, &request, &reply); !s.ok())
    return ToolResult::Error(s.message());
  std::optional<std::string> folder_arg = OptionalStringArg(args, "folder");
  if (folder_arg)
    if (Status s = ValidateFolderName(*folder_arg); !s.ok()) return ToolResult::Error(s.message());
  auto lease = OpenImap(ctx, reply ? std::string_view(reply->folder) : std::string_view());
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  if (reply)
    if (Status s = ApplyReplyThreading(imap, *reply, &request); !s.ok()) return ToolResult::Error(s.message());
  request.is_draft = true;
  auto composed = ComposeMessage(request);
  if (!composed.ok()) return ToolResult::Error(composed.status().message());
  auto folder = folder_arg ? StatusOr<std::string>(*folder_arg) : FindRoleFolder(imap, "\\Drafts", "Drafts");
  if (!folder.ok()) return ToolResult::Error(folder.status().message());
  auto uid = AppendMessage(imap, *folder, {"\\Draft", "\\Seen"}, composed->bytes);
  if (!uid.ok()) return ImapError(uid.status(), "saving the draft failed");
  picojson::object out;
  out["message_id"] = picojson::value(composed->message_id);
  out["folder"] = picojson::value(*folder);
  out["uid"] = *uid ? picojson::value(int64_t(*uid)) : picojson::value();
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeCreateDraftMailMessageTool() {
  return std::make_unique<MailTool>(
      MailToolSpec{.name = "create_draft_mail_message",
                   .title = "Create a draft",
                   .annotations = {.read_only = false, .destructive = false, .idempotent = false, .open_world = false},
                   .scope = kScopeDraft,
                   .description = Description(),
                   .input_schema = InputSchema(),
                   .output_schema = OutputSchema(),
                   .run = Run});
}

}  // namespace mail_mcp
