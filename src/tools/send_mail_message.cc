// send_mail_message: composes a message, submits it over SMTP, then files a copy in Sent.
//
// Success is reported only when the SMTP server accepted the message. When the server received the
// whole message but never gave its verdict (it stalled or hung up), the result says delivery
// "unknown" with the Message-ID to look for, and files no copy: never "not sent" (the assistant
// would send it again, and the recipient would get it twice), never "sent". The Sent copy goes to the
// SPECIAL-USE \Sent folder (fallback "Sent"; the original hard-codes "Sent" and fails on Gmail);
// if that APPEND fails, the result says the mail was sent and the copy was not. A reply
// (`reply_to`) gets threading headers, and the original gets \Answered after the send.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include "smtp/smtp_sender.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/outgoing_message.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

std::string Description() {
  return "Send an email from the user's account. to/cc/bcc take a list of addresses (a single comma-separated "
         "string is accepted too); "
         "bcc recipients are never visible to others. Optional html_body adds an HTML version. reply_to "
         "{folder, uid} makes it a reply in the same thread (In-Reply-To/References, \"Re: \" subject) and marks "
         "the original \\Answered. A copy is saved to the Sent folder (or `folder`). Returns the Message-ID, the "
         "accepted and refused recipients, and where the copy was saved. delivery is \"sent\" when the server "
         "confirmed the message; \"unknown\" when it received the whole message but never confirmed it: it may "
         "have been delivered, so do not send it again before the user has checked (search for the Message-ID).";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(
      std::string(R"JSON({"type":"object","properties":{)JSON") + ComposeSchemaProperties() +
      R"JSON(,"folder":{"type":"string","minLength":1,"maxLength":500,"description":"where to save the sent copy (default: the Sent folder)"}},
      "required":["to","subject"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "message_id":{"type":"string"},"delivery":{"type":"string","enum":["sent","unknown"]},"accepted":{"type":"array","items":{"type":"string"}},
      "rejected":{"type":"array","items":{"type":"object"}},"sent_folder":{"type":["string","null"]},
      "sent_uid":{"type":["integer","null"]},"warning":{"type":"string"}},
      "required":["message_id","delivery","accepted","rejected","sent_folder","sent_uid"]})JSON");
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  ComposeRequest request;
  std::optional<ReplyTarget> reply;
  if (Status s = ReadComposeArguments(args, ctx, true, &request, &reply); !s.ok())
    return ToolResult::Error(s.message());
  std::optional<std::string> copy_folder = OptionalStringArg(args, "folder");
  if (copy_folder)
    if (Status s = ValidateFolderName(*copy_folder); !s.ok()) return ToolResult::Error(s.message());

  ImapLease imap;  // borrowed before the send for a reply, after it otherwise
  if (reply) {
    // A reply needs the original before anything is sent.
    auto lease = OpenImap(ctx, reply->folder);
    if (!lease.ok()) return ToolResult::Error(ImapFailure(lease.status().message()) + "; nothing was sent");
    imap = std::move(*lease);
    if (Status s = ApplyReplyThreading(*imap, *reply, &request); !s.ok())
      return ToolResult::Error(s.message() + "; nothing was sent");
  }
  auto composed = ComposeMessage(request);
  if (!composed.ok()) return ToolResult::Error(composed.status().message());
  auto sent = SendMail(*ctx.account, *ctx.connect, ctx.account->email, composed->envelope_recipients, composed->bytes);
  if (!sent.ok()) return ToolResult::Error(SmtpFailure(sent.status().message()) + " (the message was not sent)");

  picojson::object out = SentMessageJson(*composed, *sent);
  if (sent->delivery == SmtpDelivery::kUnknown) return ToolResult::Ok(picojson::value(out));

  // From here on the mail is sent: failures become warnings, never errors.
  std::vector<std::string> warnings;
  Status imap_status = Status::OK();
  if (!imap) {
    auto lease = OpenImap(ctx);
    if (lease.ok()) imap = std::move(*lease);
    else imap_status = lease.status();
  }
  if (!imap_status.ok()) {
    warnings.push_back("the message was sent, but the IMAP server could not be reached to save a copy: " +
                       imap_status.message());
  } else {
    if (reply) {
      if (!OpenFolder(*imap, reply->folder, /*writable=*/true).ok() ||
          !StoreFlags(*imap, reply->uid, "+FLAGS.SILENT", {"\\Answered"}).ok())
        warnings.push_back("could not mark the original as \\Answered");
    }
    SaveSentCopy(*imap, copy_folder, composed->bytes, &out, &warnings);
  }
  AddWarnings(warnings, &out);
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeSendMailMessageTool() {
  return std::make_unique<MailTool>(
      MailToolSpec{.name = "send_mail_message",
                   .title = "Send a message",
                   .annotations = {.read_only = false, .destructive = false, .idempotent = false, .open_world = true},
                   .scope = kScopeSend,
                   .description = Description(),
                   .input_schema = InputSchema(),
                   .output_schema = OutputSchema(),
                   .run = Run,
                   .normalize = WrapSingleRecipientStrings});
}

}  // namespace mail_mcp
