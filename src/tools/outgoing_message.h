// What send_mail_message and create_draft_mail_message share: reading the composition arguments,
// resolving `reply_to` into threading headers, and appending a copy to a folder.
//
// Threading (In-Reply-To = the original's Message-ID, References = its References + Message-ID,
// "Re: " subject) is what Gmail, Outlook and Thunderbird use to group a reply with its thread.
// Thread-safety: not thread-safe (uses the caller's session).
#pragma once

#include <picojson.h>

#include <string>

#include <optional>
#include <vector>

#include "compose/message_builder.h"
#include "imap/imap_session.h"
#include "net/mail_account.h"
#include "smtp/smtp_sender.h"
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
/// Just to, cc and bcc (the same definitions), for tools that take recipients but compose the rest
/// (their MailToolSpec::normalize is WrapSingleRecipientStrings too).
std::string RecipientSchemaProperties();

/// Fills `request` from the arguments and the account (From = full_name <email>); `reply` is set when
/// reply_to was given. attachment_urls are fetched from ctx.attachments, which accepts only its own
/// unexpired links; filename and content type come from the stored object.
Status ReadComposeArguments(const picojson::object& args, const MailContext& ctx, bool require_recipient,
                            ComposeRequest* request, std::optional<ReplyTarget>* reply);
/// Looks up the original message and sets In-Reply-To, References and the "Re: " subject.
Status ApplyReplyThreading(ImapSession& imap, const ReplyTarget& reply, ComposeRequest* request);
/// message_id, delivery ("sent", or "unknown" when the server took the whole message but never gave its
/// verdict), accepted and rejected (with the server's reply), as send_mail_message reports them;
/// sent_folder and sent_uid start null. An unknown delivery lists no recipient as accepted and carries
/// the warning that tells the assistant not to send again before checking; the caller then stops
/// (no Sent copy, no flags: nothing says the message went).
picojson::object SentMessageJson(const ComposedMessage& composed, const SmtpSendResult& sent);
/// Files the copy of a sent message: APPENDs `bytes` with \Seen to `folder`, else to the SPECIAL-USE
/// \Sent folder (fallback "Sent"), and sets sent_folder and sent_uid in `out`. The mail is already
/// gone, so a failure is a warning for `warnings`, worded for the user, never an error.
void SaveSentCopy(ImapSession& imap, const std::optional<std::string>& folder, const std::string& bytes,
                  picojson::object* out, std::vector<std::string>* warnings);
/// Sets out["warning"] to the warnings joined by "; ", when there are any.
void AddWarnings(const std::vector<std::string>& warnings, picojson::object* out);
/// APPENDs `bytes` to `folder` with `flags` (e.g. "\\Seen"); returns the new UID (0 if not reported).
StatusOr<uint32_t> AppendMessage(ImapSession& imap, const std::string& folder, const std::vector<std::string>& flags,
                                 const std::string& bytes);

}  // namespace mail_mcp
