// forward_mail_message: forwards a message to new recipients, with its attachments.
//
// Everything comes straight from IMAP in one session: the original's structure, then in one FETCH
// its text and every attachment part (or, as_attachment, the whole message, attached unchanged as
// message/rfc822); nothing passes through the attachment store. Inline, the new text is followed by
// the original's header block and text, the usual "Forwarded message" form every client shows. The
// subject gets one "Fwd: ", References carries the original's thread (References + Message-ID) so
// clients that thread by it keep the forward with the conversation. After SMTP accepted it, a copy
// goes to Sent (as send_mail_message does) and the original gets the $Forwarded keyword (RFC 5788)
// when the folder allows keywords. Failures after the send are warnings: the mail is gone. An unknown
// outcome (the server took the data, then no verdict) is delivery "unknown", as send reports it.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include "compose/mime_parts.h"
#include "compose/threading.h"
#include "imap/imap_fetch.h"
#include "mime/encoded_words.h"
#include "mime/transfer_encoding.h"
#include "smtp/smtp_sender.h"
#include "tools/mail_tool.h"
#include "tools/message_content.h"
#include "tools/message_lookup.h"
#include "tools/message_summary.h"
#include "tools/message_text.h"
#include "tools/outgoing_message.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/ascii.h"
#include "util/json_schema_literal.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

std::string Description() {
  return "Forward a message (folder + uid) with its attachments to to/cc/bcc, with your text_body above it. "
         "Subject \"Fwd: …\"; the original's headers and text are quoted below, or with as_attachment the "
         "whole original is attached unchanged (.eml). A copy is saved to Sent and the original is marked "
         "$Forwarded. delivery \"unknown\" means the server received it but never confirmed it: do not forward "
         "again before the user has checked.";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"uid":)JSON" + kUidSchema + "," + RecipientSchemaProperties() + R"JSON(,
      "text_body":{"type":"string","maxLength":5000000,"description":"your note above the forwarded message"},
      "as_attachment":{"type":"boolean","description":"attach the original as a message/rfc822 .eml instead of quoting it (default false)"}},
      "required":["folder","uid"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "message_id":{"type":"string"},"delivery":{"type":"string","enum":["sent","unknown"]},
      "accepted":{"type":"array","items":{"type":"string"}},
      "rejected":{"type":"array","items":{"type":"object"}},"sent_folder":{"type":["string","null"]},
      "sent_uid":{"type":["integer","null"]},"attachments":{"type":"integer","description":"files forwarded"},
      "marked_forwarded":{"type":"boolean"},"warning":{"type":"string"}},
      "required":["message_id","delivery","accepted","rejected","sent_folder","sent_uid","attachments","marked_forwarded"]})JSON");
}

/// `text` on one line: control characters (line breaks, tabs) become spaces, blanks trimmed.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
  return std::string(Trim(out, " "));
}

/// "Fwd: " + subject, unless it already starts with Fwd: or Fw: (any case).
std::string ForwardSubject(std::string_view subject) {
  std::string s = OneLine(subject), lower = ToLowerAscii(s);
  if (lower.rfind("fwd:", 0) == 0 || lower.rfind("fw:", 0) == 0) return s;
  return "Fwd: " + s;
}

/// `name` as a valid attachment file name (one line, at most kMaxFilenameBytes of whole UTF-8
/// characters), else "attachment-N".
std::string FileName(std::string_view name, size_t index) {
  std::string clean = OneLine(name), out;
  size_t pos = 0;
  char32_t cp = 0;
  while (pos < clean.size()) {
    size_t start = pos;
    if (!NextUtf8CodePoint(clean, &pos, &cp)) break;
    if (pos > kMaxFilenameBytes) break;
    out.append(clean, start, pos - start);
  }
  return out.empty() || out == ".eml" ? "attachment-" + std::to_string(index + 1) : out;
}

/// The quoted header block of an inline forward.
std::string ForwardedHeader(const MessageHeaders& h) {
  std::string out = "\n\n---------- Forwarded message ----------\n";
  out += "From: " + AddressLine(h.from) + "\n";
  if (h.date) out += "Date: " + *h.date + "\n";
  out += "Subject: " + OneLine(h.subject) + "\n";
  out += "To: " + AddressLine(h.to) + "\n";
  if (!h.cc.empty()) out += "Cc: " + AddressLine(h.cc) + "\n";
  return out + "\n";
}

/// A file name for the attachment: its own, else the attached message's subject, else "attachment-N".
std::string AttachmentName(const BodyPart& p, size_t index) {
  std::string name = PartFilename(p);
  if (name.empty() && p.is_message() && p.envelope) name = DecodeHeaderText(p.envelope->subject) + ".eml";
  return FileName(name, index);
}

/// One UID FETCH of the given body sections; the fetched message. The sections are parts of one
/// message already checked against kMaxComposeBytes, so a response larger than that (plus the FETCH
/// syntax) is a server sending more than it announced, refused rather than buffered.
StatusOr<FetchedMessage> FetchSections(ImapSession& imap, uint32_t uid, const std::vector<std::string>& sections) {
  std::string items = "(UID";
  for (const std::string& s : sections) items += " BODY.PEEK[" + s + "]";
  ImapCommand fetch("UID FETCH");
  fetch.Number(uid).Raw(items + ")").MaxResponseBytes(kMaxComposeBytes + (size_t{64} << 10));
  auto r = imap.RunOk(fetch);
  if (!r.ok()) return r.status();
  auto parsed = ParseFetchResponses(r->untagged);
  if (!parsed.ok()) return parsed.status();
  for (FetchedMessage& m : *parsed)
    if (m.uid == uid) return std::move(m);
  return Status::NotFound("the message disappeared while it was being read");
}

const std::string& SectionOf(const FetchedMessage& m, const std::string& part) {
  static const std::string kEmpty;
  auto it = m.sections.find("BODY[" + part + "]");
  return it == m.sections.end() ? kEmpty : it->second;
}

/// The decoded bytes of every attachment in `c`: from memory when the message was split here, else
/// in one FETCH of their sections (BODY[n] of an attached message is the whole message).
StatusOr<std::vector<std::string>> AttachmentBytes(ImapSession& imap, uint32_t uid, const MessageContent& c) {
  std::vector<std::string> out;
  const std::vector<const BodyPart*>& files = c.layout.attachments;
  if (c.parsed) {
    for (const BodyPart* p : files) {
      auto bytes = ParsedPartBytes(*c.parsed, p->part);
      if (!bytes.ok()) return bytes.status();
      out.push_back(std::move(*bytes));
    }
    return out;
  }
  if (files.empty()) return out;
  std::vector<std::string> sections;
  for (const BodyPart* p : files) sections.push_back(p->part);
  auto parts = FetchSections(imap, uid, sections);
  if (!parts.ok()) return parts.status();
  for (const BodyPart* p : files)
    out.push_back(p->is_message() ? SectionOf(*parts, p->part)
                                  : DecodeTransferEncoding(SectionOf(*parts, p->part), p->encoding));
  return out;
}

/// Fills the request's body and attachments from the original, whose head (kFullFetchItems) is
/// `head` and header fields `h`: its whole message attached, or its readable text quoted below the
/// note (as get_mail_message shows it) and its attachments attached.
Status AddOriginal(ImapSession& imap, const FetchedMessage& head, const MessageHeaders& h, bool as_attachment,
                   ComposeRequest* request) {
  if (as_attachment) {
    auto whole = FetchSections(imap, head.uid, {""});
    if (!whole.ok()) return whole.status();
    OutgoingAttachment a;
    a.filename = FileName(h.subject.empty() ? "forwarded.eml" : h.subject + ".eml", 0);
    a.data = SectionOf(*whole, "");
    a.embedded_message = true;
    request->attachments.push_back(std::move(a));
    return Status::OK();
  }
  auto content = ReadMessageContent(imap, head.uid, head);
  if (!content.ok()) return content.status();
  auto bytes = AttachmentBytes(imap, head.uid, *content);
  if (!bytes.ok()) return bytes.status();
  request->text_body += ForwardedHeader(h) + ReadableText(*content).text;
  const std::vector<const BodyPart*>& files = content->layout.attachments;
  for (size_t i = 0; i < files.size(); ++i) {
    const BodyPart& p = *files[i];
    OutgoingAttachment a;
    a.filename = AttachmentName(p, i);
    a.data = std::move((*bytes)[i]);
    if (p.is_message()) {
      a.embedded_message = true;
    } else {
      auto type = NormalizeAttachmentType(p.type + "/" + p.subtype);
      a.content_type = type.ok() ? *type : "application/octet-stream";
    }
    request->attachments.push_back(std::move(a));
  }
  return Status::OK();
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder");
  uint32_t uid = uint32_t(IntArg(args, "uid", 0));
  bool as_attachment = OptionalBoolArg(args, "as_attachment").value_or(false);
  if (Status s = ValidateFolderName(folder); !s.ok()) return ToolResult::Error(s.message());
  ComposeRequest request;
  std::optional<ReplyTarget> no_reply;
  if (Status s = ReadComposeArguments(args, ctx, true, &request, &no_reply); !s.ok())
    return ToolResult::Error(s.message());

  auto lease = OpenImap(ctx, folder);
  if (!lease.ok()) return ToolResult::Error(ImapFailure(lease.status().message()) + "; nothing was sent");
  ImapSession& imap = **lease;
  if (auto box = OpenFolder(imap, folder, /*writable=*/false); !box.ok())
    return ToolResult::Error(box.status().message() + "; nothing was sent");
  ImapCommand head("UID FETCH");
  head.Number(uid).Raw(kFullFetchItems).MaxResponseBytes(SummaryResponseBytes(1));
  auto r = imap.RunOk(head);
  if (!r.ok()) return ImapError(r.status(), "nothing was sent");
  auto fetched = ParseFetchResponses(r->untagged);
  if (!fetched.ok()) return ImapError(fetched.status(), "nothing was sent");
  const FetchedMessage* original = nullptr;
  for (const FetchedMessage& m : *fetched)
    if (m.uid == uid && (m.body || !m.sections.empty())) original = &m;
  if (!original)
    return ToolResult::Error("Message not found: no message with uid " + std::to_string(uid) + " in '" + folder +
                             "'; nothing was sent");
  if (original->size > kMaxComposeBytes)
    return ToolResult::Error("the message is " + std::to_string(original->size >> 20) +
                             " MiB; forwards are limited to " + std::to_string(kMaxComposeBytes >> 20) +
                             " MiB. Nothing was sent.");
  const MessageHeaders headers = HeadersOf(*original);
  request.subject = ForwardSubject(headers.subject);
  if (!headers.message_id.empty()) request.references = BuildReferences(headers.references, headers.message_id);
  if (Status s = AddOriginal(imap, *original, headers, as_attachment, &request); !s.ok())
    return ImapError(s, "cannot read the message; nothing was sent");
  const size_t files = request.attachments.size();

  auto composed = ComposeMessage(request);
  if (!composed.ok()) return ToolResult::Error(composed.status().message() + "; nothing was sent");
  auto sent = SendMail(*ctx.account, *ctx.connect, ctx.account->email, composed->envelope_recipients, composed->bytes);
  if (!sent.ok()) return ToolResult::Error(SmtpFailure(sent.status().message()) + " (the message was not sent)");

  picojson::object out = SentMessageJson(*composed, *sent);
  out["attachments"] = picojson::value(int64_t(as_attachment ? 1 : files));
  out["marked_forwarded"] = picojson::value(false);
  if (sent->delivery == SmtpDelivery::kUnknown) return ToolResult::Ok(picojson::value(out));

  // From here on the mail is sent: failures become warnings, never errors.
  std::vector<std::string> warnings;
  bool marked = false;
  auto box = OpenFolder(imap, folder, /*writable=*/true);
  if (box.ok()) {
    bool keywords = false;
    for (const std::string& f : box->permanent_flags)
      keywords = keywords || f == "\\*" || EqualsIgnoreCase(f, "$Forwarded");
    if (keywords) {
      marked = StoreFlags(imap, uid, "+FLAGS.SILENT", {"$Forwarded"}).ok();
      if (!marked) warnings.push_back("could not mark the original $Forwarded");
    }
  }
  out["marked_forwarded"] = picojson::value(marked);
  SaveSentCopy(imap, std::nullopt, composed->bytes, &out, &warnings);
  AddWarnings(warnings, &out);
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeForwardMailMessageTool() {
  return std::make_unique<MailTool>(
      MailToolSpec{.name = "forward_mail_message",
                   .title = "Forward a message",
                   .annotations = {.read_only = false, .destructive = false, .idempotent = false, .open_world = true},
                   .scope = kScopeSend,
                   .description = Description(),
                   .input_schema = InputSchema(),
                   .output_schema = OutputSchema(),
                   .run = Run,
                   .normalize = WrapSingleRecipientStrings});
}

}  // namespace mail_mcp
