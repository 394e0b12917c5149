// What send_mail_message and create_draft_mail_message share: reading the composition arguments,
// resolving `reply_to` into threading headers, and appending a copy to a folder.
//
// Threading (In-Reply-To = the original's Message-ID, References = its References + Message-ID,
// "Re: " subject) is what Gmail, Outlook and Thunderbird use to group a reply with its thread.
// Thread-safety: not thread-safe (uses the caller's session).
#pragma once

#include <picojson.h>

#include <string>

#include "compose/message_builder.h"
#include "imap/imap_session.h"
#include "net/mail_account.h"
#include "tools/mail_tool.h"

namespace mail_mcp {

/// The reply target, when `reply_to` was given.
struct ReplyTarget {
  std::string folder;
  uint32_t uid = 0;
};

/// The JSON Schema properties both tools accept (to, cc, bcc, subject, text_body, html_body,
/// attachment_urls, reply_to), as text to splice into an object schema.
std::string ComposeSchemaProperties();
/// The run-time leniency the to/cc/bcc descriptions promise: a single string where the schema asks
/// for a list becomes a list of that one string (which may itself hold comma-separated addresses).
/// Runs before the arguments are validated (MailToolSpec::normalize).
void WrapSingleRecipientStrings(picojson::object& arguments);

/// Fills `request` from the arguments and the account (From = full_name <email>); `reply` is set when
/// reply_to was given. attachment_urls are fetched from ctx.attachments, which accepts only its own
/// unexpired links; filename and content type come from the stored object.
Status ReadComposeArguments(const picojson::object& args, const MailContext& ctx, bool require_recipient,
                            ComposeRequest* request, std::optional<ReplyTarget>* reply);
/// Looks up the original message and sets In-Reply-To, References and the "Re: " subject.
Status ApplyReplyThreading(ImapSession& imap, const ReplyTarget& reply, ComposeRequest* request);
/// APPENDs `bytes` to `folder` with `flags` (e.g. "\\Seen"); returns the new UID (0 if not reported).
StatusOr<uint32_t> AppendMessage(ImapSession& imap, const std::string& folder, const std::vector<std::string>& flags,
                                 const std::string& bytes);

}  // namespace mail_mcp
