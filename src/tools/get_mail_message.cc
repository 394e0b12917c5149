// get_mail_message: one message's headers, its text as a reader sees it (windowed), its HTML and its
// attachments.
//
// It fetches the header fields and the structure first, then only the text parts (and, where the
// server has BINARY, the exact sizes of the attachments), so a message with a 50 MB attachment
// costs what its text costs; a message whose structure the server cannot give is fetched whole and
// split here (tools/message_content.h). The text is every part a mail client shows, in order
// (tools/message_layout.h); HTML is rendered as the text a person would see, leaving out hidden
// text, which the result reports (mime/html_to_text.h). Reading uses BODY.PEEK on a read-only
// EXAMINE: it never sets \Seen unless `mark_as_read` asks for it. Bodies are windowed
// (max_body_chars, body_offset) so a huge newsletter cannot flood the model's context.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include "imap/imap_session.h"
#include "mime/encoded_words.h"
#include "mime/html_to_text.h"
#include "mime/text_window.h"
#include "tools/attachment_links.h"
#include "tools/mail_tool.h"
#include "tools/message_content.h"
#include "tools/message_lookup.h"
#include "tools/message_summary.h"
#include "tools/message_text.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/ascii.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

constexpr int64_t kDefaultMaxBodyChars = 20000;

picojson::object Window(const std::string& text, int64_t offset, int64_t max_chars) {
  TextWindow w = WindowText(text, size_t(offset), size_t(max_chars));
  picojson::object o;
  o["text"] = picojson::value(w.text);
  o["total"] = picojson::value(int64_t(w.total_chars));
  o["truncated"] = picojson::value(w.truncated);
  return o;
}

/// An attachment's entry without its link: part, filename, content_type, size, content_id,
/// disposition; `size_estimated` when the exact size is not known (yet).
picojson::object DescribeAttachment(const BodyPart& p, const MessageContent& c) {
  picojson::object a;
  a["part"] = picojson::value(p.part);
  std::string name = PartFilename(p);
  if (name.empty() && p.is_message() && p.envelope) name = DecodeHeaderText(p.envelope->subject) + ".eml";
  a["filename"] = picojson::value(name);
  a["content_type"] = picojson::value(p.type + "/" + p.subtype);
  if (auto exact = c.sizes.find(p.part); exact != c.sizes.end()) {
    a["size"] = picojson::value(int64_t(exact->second));
  } else {
    // Base64 carries 3 bytes in 4 characters; lines of 76 end in CRLF. The link, if any, corrects it.
    const uint64_t size = p.encoding == "base64" ? (p.size - p.size / 78 * 2) * 3 / 4 : p.size;
    a["size"] = picojson::value(int64_t(size));
    a["size_estimated"] = picojson::value(true);
  }
  std::string cid = p.id;
  if (cid.size() >= 2 && cid.front() == '<' && cid.back() == '>') cid = cid.substr(1, cid.size() - 2);
  a["content_id"] = picojson::value(cid);
  a["disposition"] = picojson::value(p.disposition.empty() ? std::string("attachment") : p.disposition);
  return a;
}

std::string Description() {
  return "Read one message by folder and uid: headers (message_id, in_reply_to, references, subject, from, "
         "sender, reply_to, to, cc, bcc; `date` is the sender's Date field or null, `received_at` when the server "
         "got it), flags, the text as a mail client shows it (`text_body`: every visible text part in order; "
         "HTML rendered as plain text, leaving out text a person would not see, which `hidden_content_removed` "
         "reports), the original HTML, and the attachments (part, filename, content_type, exact size, content_id, "
         "disposition, and a download `url` valid until `expires_at`, 7 days; attachment contents are never "
         "inlined: pass these urls as attachment_urls to send_mail_message to forward them). "
         "Bodies are windowed: max_body_chars characters from body_offset; `truncated` says more follows and "
         "`body_total_chars` gives the full length. Reading does not mark the message as seen unless "
         "mark_as_read is true (which needs the mail:organize scope as well).";
}

picojson::value InputSchema() {
  return ParseSchemaLiteral(std::string(R"JSON({"type":"object","properties":{"folder":)JSON") + kFolderSchema +
                            R"JSON(,"uid":)JSON" + kUidSchema + R"JSON(,
      "max_body_chars":{"type":"integer","minimum":1,"maximum":1000000,"description":"default )JSON" +
                            std::to_string(kDefaultMaxBodyChars) + R"JSON("},
      "body_offset":{"type":"integer","minimum":0,"maximum":100000000,"description":"characters to skip (default 0)"},
      "mark_as_read":{"type":"boolean","description":"set \\Seen (default false)"}},
      "required":["folder","uid"],"additionalProperties":false})JSON");
}

picojson::value OutputSchema() {
  return ParseSchemaLiteral(R"JSON({"type":"object","properties":{
      "folder":{"type":"string"},"uidvalidity":{"type":"integer"},"uid":{"type":"integer"},
      "message_id":{"type":"string"},"in_reply_to":{"type":"string"},"references":{"type":"string"},
      "subject":{"type":"string","description":"the first Subject field, decoded"},
      "from":{"type":"array"},"sender":{"type":"array","description":"empty when the message has no Sender field"},"reply_to":{"type":"array","description":"empty when the message has no Reply-To field: reply to from"},
      "to":{"type":"array"},"cc":{"type":"array"},"bcc":{"type":"array"},
      "date":{"type":["string","null"],"description":"the sender's Date field as ISO 8601 with the sender's UTC offset; null when the message has none or it cannot be read"},
      "received_at":{"type":["string","null"],"description":"when the server received the message (IMAP INTERNALDATE), ISO 8601"},
      "flags":{"type":"array","items":{"type":"string"}},"size":{"type":"integer"},
      "text_body":{"type":"string","description":"every text part a mail client shows, in order, as plain text (HTML rendered); a digest's messages each under a From/Date/Subject heading"},
      "text_from_html":{"type":"boolean","description":"some of text_body is rendered HTML"},
      "hidden_content_removed":{"type":"boolean","description":"the HTML held text a person would not see (hidden by CSS, zero-size, invisible colours, off-screen, templates, comments, invisible characters); it is not in text_body"},
      "hidden_content_count":{"type":"integer","description":"how many hidden pieces of text were left out"},
      "body_offset":{"type":"integer"},"body_total_chars":{"type":"integer"},"truncated":{"type":"boolean"},
      "html_body":{"type":"string","description":"the HTML parts as sent, hidden content included"},"html_truncated":{"type":"boolean"},
      "attachments":{"type":"array","items":{"type":"object","properties":{
        "part":{"type":"string"},"filename":{"type":"string"},"content_type":{"type":"string"},
        "size":{"type":"integer","description":"decoded size in bytes"},
        "size_estimated":{"type":"boolean","description":"present when size is an estimate from the encoded size"},
        "content_id":{"type":"string"},"disposition":{"type":"string"},
        "url":{"type":"string","description":"download link"},"expires_at":{"type":"string"},
        "error":{"type":"string","description":"why there is no url"}}}}},
      "required":["folder","uid","subject","from","to","date","received_at","flags","text_body","truncated",
                  "hidden_content_removed","hidden_content_count","attachments"]})JSON");
}

ToolResult Run(const picojson::object& args, const MailContext& ctx) {
  std::string folder = StringArg(args, "folder");
  int64_t uid = IntArg(args, "uid", 0);
  int64_t max_chars = IntArg(args, "max_body_chars", kDefaultMaxBodyChars), offset = IntArg(args, "body_offset", 0);
  bool mark_read = OptionalBoolArg(args, "mark_as_read").value_or(false);
  if (Status s = ValidateFolderName(folder); !s.ok()) return ToolResult::Error(s.message());

  auto lease = OpenImap(ctx, folder);
  if (!lease.ok()) return ImapError(lease.status());
  ImapSession& imap = **lease;
  auto box = OpenFolder(imap, folder, /*writable=*/mark_read);
  if (!box.ok()) return ToolResult::Error(box.status().message());

  ImapCommand head("UID FETCH");
  head.Number(uint64_t(uid)).Raw(kFullFetchItems).MaxResponseBytes(SummaryResponseBytes(1));
  auto r = imap.RunOk(head);
  if (!r.ok()) return ImapError(r.status());
  auto fetched = ParseFetchResponses(r->untagged);
  if (!fetched.ok()) return ImapError(fetched.status());
  const FetchedMessage* msg = nullptr;
  for (const auto& m : *fetched)
    if (m.uid == uint32_t(uid) && (m.body || !m.sections.empty())) msg = &m;
  if (!msg)
    return ToolResult::Error("Message not found: no message with uid " + std::to_string(uid) + " in '" + folder + "'");
  // After the FETCH (which carried the NOOP of a re-used selection), as the server now has it.
  const uint32_t uidvalidity = imap.selected() ? imap.selected()->uidvalidity : box->uidvalidity;

  // Second round trip: the text parts (capped) and exact attachment sizes; or the whole message.
  auto content = ReadMessageContent(imap, uint32_t(uid), *msg);
  if (!content.ok()) return ImapError(content.status());
  if (mark_read) {
    if (Status s = StoreFlags(imap, uint32_t(uid), "+FLAGS.SILENT", {"\\Seen"}); !s.ok())
      return ImapError(s, "could not mark as read");
  }

  picojson::object out = SummarizeMessage(*msg);
  out.erase("has_attachments");
  const MessageHeaders headers = content->parsed ? ReadMessageHeaders(*content->parsed) : HeadersOf(*msg);
  PutHeaderFields(headers, &out);
  out["folder"] = picojson::value(folder);
  out["uidvalidity"] = picojson::value(int64_t(uidvalidity));
  out["references"] = picojson::value(headers.references);
  out["bcc"] = AddressesJson(headers.bcc);
  if (mark_read) {
    picojson::array& flags = out["flags"].get<picojson::array>();
    bool has = false;
    for (const auto& f : flags) has = has || f.get<std::string>() == "\\Seen";
    if (!has) flags.emplace_back("\\Seen");
  }
  const BodyText body = ReadableText(*content);
  picojson::object text = Window(body.text, offset, max_chars);
  out["text_body"] = text["text"];
  out["text_from_html"] = picojson::value(body.from_html);
  out["hidden_content_removed"] = picojson::value(body.hidden > 0);
  out["hidden_content_count"] = picojson::value(int64_t(body.hidden));
  out["body_offset"] = picojson::value(offset);
  out["body_total_chars"] = text["total"];
  out["truncated"] = text["truncated"];
  if (!body.html.empty()) {
    picojson::object h = Window(body.html, offset, max_chars);
    out["html_body"] = h["text"];
    out["html_truncated"] = h["truncated"];
  }
  const std::vector<const BodyPart*>& parts = content->layout.attachments;
  std::vector<picojson::object> entries;
  entries.reserve(parts.size());  // the items below point into it
  std::vector<AttachmentToPublish> to_publish;
  // A message split here has its own part numbers: its objects are named apart from the server's.
  const std::shared_ptr<const MimePart> parsed = content->parsed;
  for (const BodyPart* p : parts) {
    picojson::object& a = entries.emplace_back(DescribeAttachment(*p, *content));
    PartBytes bytes = parsed ? PartBytes([parsed, p] { return ParsedPartBytes(*parsed, p->part); })
                             : ServerPartBytes(imap, uint32_t(uid), *p);
    to_publish.push_back({parsed ? "parsed:" + p->part : p->part, p->size,
                          ObjectInfo{a["filename"].get<std::string>(), a["content_type"].get<std::string>()},
                          std::move(bytes), &a});
  }
  if (ctx.attachments) {
    const auto stored = AddAttachmentLinks(
        *ctx.attachments, AttachmentSource{ctx.account, folder, uidvalidity, uint32_t(uid)}, to_publish);
    for (size_t i = 0; i < stored.size(); ++i) {
      if (!stored[i]) continue;
      entries[i]["size"] = picojson::value(int64_t(*stored[i]));
      entries[i].erase("size_estimated");
    }
  }
  picojson::array attachments;
  for (auto& a : entries) attachments.emplace_back(std::move(a));
  out["attachments"] = picojson::value(attachments);
  return ToolResult::Ok(picojson::value(out));
}

/// Marking the message as read changes the mailbox, which mail:read promises never to do: a call
/// that asks for it needs mail:organize as well (the scope that sets flags).
ScopeSet ExtraScopes(const picojson::object& args) {
  if (OptionalBoolArg(args, "mark_as_read").value_or(false)) return ScopeSet{kScopeOrganize};
  return {};
}

}  // namespace

std::unique_ptr<Tool> MakeGetMailMessageTool() {
  return std::make_unique<MailTool>(MailToolSpec{.name = "get_mail_message",
                                                 .title = "Read a message",
                                                 .annotations = kReadsMailbox,
                                                 .scope = kScopeRead,
                                                 .description = Description(),
                                                 .input_schema = InputSchema(),
                                                 .output_schema = OutputSchema(),
                                                 .run = Run,
                                                 .extra_scopes = ExtraScopes});
}

}  // namespace mail_mcp
