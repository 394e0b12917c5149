// get_mail_message: one message's headers, decoded text (windowed), HTML and attachment list.
//
// It fetches the structure first and then only the text parts, so a message with a 50 MB
// attachment costs what its text costs. Reading uses BODY.PEEK on a read-only EXAMINE: it never sets
// \Seen unless `mark_as_read` asks for it. Bodies are windowed (max_body_chars, body_offset) so a
// huge newsletter cannot flood the model's context.
// Thread-safety: Run keeps no state; any number of calls run concurrently.

#include "tools/all_tools.h"

#include <algorithm>

#include "imap/imap_session.h"
#include "mime/charset.h"
#include "mime/encoded_words.h"
#include "mime/html_to_text.h"
#include "mime/mail_date.h"
#include "mime/text_window.h"
#include "mime/transfer_encoding.h"
#include "tools/attachment_links.h"
#include "tools/mail_tool.h"
#include "tools/message_lookup.h"
#include "tools/message_summary.h"
#include "tools/tool_args.h"
#include "tools/upstream_error.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {
namespace {

constexpr int64_t kDefaultMaxBodyChars = 20000;
/// Text parts larger than this are fetched partially (the window cannot reach further anyway).
constexpr uint64_t kMaxTextPartBytes = 8u << 20;

/// The section's bytes from a FETCH (the parser has already dropped any partial "<origin>" suffix).
const std::string* Section(const FetchedMessage& m, const std::string& name) {
  auto it = m.sections.find(name);
  return it == m.sections.end() ? nullptr : &it->second;
}

std::string DecodePart(const BodyPart& part, const std::string& raw) {
  std::string bytes = DecodeTransferEncoding(raw, part.encoding);
  auto params = DecodedParams(part.params);
  auto cs = params.find("charset");
  std::string text = ToUtf8(bytes, cs == params.end() ? "us-ascii" : cs->second).utf8;
  // Mail uses CRLF on the wire; tools hand out text with plain LF line breaks.
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

picojson::object Window(const std::string& text, int64_t offset, int64_t max_chars) {
  TextWindow w = WindowText(text, size_t(offset), size_t(max_chars));
  picojson::object o;
  o["text"] = picojson::value(w.text);
  o["total"] = picojson::value(int64_t(w.total_chars));
  o["truncated"] = picojson::value(w.truncated);
  return o;
}

/// An attachment's entry without its link: part, filename, content_type, size, content_id, disposition.
picojson::object DescribeAttachment(const BodyPart& p) {
  picojson::object a;
  a["part"] = picojson::value(p.part);
  std::string name = PartFilename(p);
  if (name.empty() && p.is_message() && p.envelope) name = DecodeHeaderText(p.envelope->subject) + ".eml";
  a["filename"] = picojson::value(name);
  a["content_type"] = picojson::value(p.type + "/" + p.subtype);
  // Encoded size; base64 carries 3 bytes in 4 characters (line breaks aside).
  uint64_t size = p.encoding == "base64" ? p.size * 3 / 4 : p.size;
  a["size"] = picojson::value(int64_t(size));
  std::string cid = p.id;
  if (cid.size() >= 2 && cid.front() == '<' && cid.back() == '>') cid = cid.substr(1, cid.size() - 2);
  a["content_id"] = picojson::value(cid);
  a["disposition"] = picojson::value(p.disposition.empty() ? std::string("attachment") : p.disposition);
  return a;
}

std::string Description() {
  return "Read one message by folder and uid: headers (message_id, in_reply_to, references, subject, from, "
         "sender, reply_to, to, cc, bcc, date), flags, the text body (for HTML-only mail, a plain-text rendering), "
         "the HTML body, and the attachments (part, filename, content_type, size, content_id, disposition, and a "
         "download `url` valid until `expires_at`, 7 days; attachment contents are never inlined: pass these "
         "urls as attachment_urls to send_mail_message to forward them). "
         "Bodies are windowed: max_body_chars characters from body_offset; `truncated` says more follows and "
         "`body_total_chars` gives the full length. Reading does not mark the message as seen unless "
         "mark_as_read is true.";
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
      "subject":{"type":"string"},"from":{"type":"array"},"sender":{"type":"array"},"reply_to":{"type":"array"},
      "to":{"type":"array"},"cc":{"type":"array"},"bcc":{"type":"array"},"date":{"type":["string","null"]},
      "flags":{"type":"array","items":{"type":"string"}},"size":{"type":"integer"},
      "text_body":{"type":"string"},"text_from_html":{"type":"boolean"},"body_offset":{"type":"integer"},
      "body_total_chars":{"type":"integer"},"truncated":{"type":"boolean"},
      "html_body":{"type":"string"},"html_truncated":{"type":"boolean"},
      "attachments":{"type":"array","items":{"type":"object","properties":{
        "part":{"type":"string"},"filename":{"type":"string"},"content_type":{"type":"string"},
        "size":{"type":"integer"},"content_id":{"type":"string"},"disposition":{"type":"string"},
        "url":{"type":"string","description":"download link"},"expires_at":{"type":"string"},
        "error":{"type":"string","description":"why there is no url"}}}}},
      "required":["folder","uid","subject","from","to","flags","text_body","truncated","attachments"]})JSON");
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
  head.Number(uint64_t(uid))
      .Raw("(UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (REFERENCES)])")
      .MaxResponseBytes(SummaryResponseBytes(1));
  auto r = imap.RunOk(head);
  if (!r.ok()) return ImapError(r.status());
  auto fetched = ParseFetchResponses(r->untagged);
  if (!fetched.ok()) return ImapError(fetched.status());
  const FetchedMessage* msg = nullptr;
  for (const auto& m : *fetched)
    if (m.uid == uint32_t(uid) && m.body) msg = &m;
  if (!msg)
    return ToolResult::Error("Message not found: no message with uid " + std::to_string(uid) + " in '" + folder + "'");
  // After the FETCH (which carried the NOOP of a re-used selection), as the server now has it.
  const uint32_t uidvalidity = imap.selected() ? imap.selected()->uidvalidity : box->uidvalidity;

  // Second round trip: only the text parts, capped.
  const BodyPart *plain = nullptr, *html = nullptr;
  FindTextParts(*msg->body, &plain, &html);
  std::string plain_text, html_text;
  if (plain || html) {
    ImapCommand body("UID FETCH");
    std::string items = "(";
    /// What was asked for (each part's announced size, at most kMaxTextPartBytes) plus room for the
    /// FETCH syntax: a server that sends more is refused there, not buffered up to the session's 64 MiB.
    size_t expected = size_t{64} << 10;
    for (const BodyPart* p : {plain, html}) {
      if (!p) continue;
      if (items.size() > 1) items += ' ';
      items += "BODY.PEEK[" + p->part + "]";
      if (p->size > kMaxTextPartBytes) items += "<0." + std::to_string(kMaxTextPartBytes) + ">";
      expected += size_t(std::min<uint64_t>(p->size, kMaxTextPartBytes));
    }
    body.Number(uint64_t(uid)).Raw(items + ")").MaxResponseBytes(expected);
    auto br = imap.RunOk(body);
    if (!br.ok()) return ImapError(br.status());
    auto parts = ParseFetchResponses(br->untagged);
    if (!parts.ok()) return ImapError(parts.status());
    for (const auto& m : *parts) {
      if (m.uid != uint32_t(uid)) continue;
      if (plain)
        if (const std::string* s = Section(m, "BODY[" + plain->part + "]")) plain_text = DecodePart(*plain, *s);
      if (html)
        if (const std::string* s = Section(m, "BODY[" + html->part + "]")) html_text = DecodePart(*html, *s);
    }
  }
  if (mark_read) {
    if (Status s = StoreFlags(imap, uint32_t(uid), "+FLAGS.SILENT", {"\\Seen"}); !s.ok())
      return ImapError(s, "could not mark as read");
  }

  picojson::object out = SummarizeMessage(*msg);
  out.erase("has_attachments");
  out["folder"] = picojson::value(folder);
  out["uidvalidity"] = picojson::value(int64_t(uidvalidity));
  out["references"] = picojson::value(ReferencesOf(*msg));
  out["bcc"] = AddressesJson(msg->envelope ? msg->envelope->bcc : std::vector<ImapAddress>{});
  if (mark_read) {
    picojson::array& flags = out["flags"].get<picojson::array>();
    bool has = false;
    for (const auto& f : flags) has = has || f.get<std::string>() == "\\Seen";
    if (!has) flags.emplace_back("\\Seen");
  }
  bool from_html = plain_text.empty() && !html_text.empty();
  picojson::object text = Window(from_html ? HtmlToText(html_text) : plain_text, offset, max_chars);
  out["text_body"] = text["text"];
  out["text_from_html"] = picojson::value(from_html);
  out["body_offset"] = picojson::value(offset);
  out["body_total_chars"] = text["total"];
  out["truncated"] = text["truncated"];
  if (!html_text.empty()) {
    picojson::object h = Window(html_text, offset, max_chars);
    out["html_body"] = h["text"];
    out["html_truncated"] = h["truncated"];
  }
  const std::vector<const BodyPart*> parts = AttachmentParts(*msg->body);
  std::vector<picojson::object> entries;
  entries.reserve(parts.size());  // the items below point into it
  std::vector<AttachmentToPublish> to_publish;
  for (const BodyPart* p : parts) {
    picojson::object& a = entries.emplace_back(DescribeAttachment(*p));
    to_publish.push_back({p, {a["filename"].get<std::string>(), a["content_type"].get<std::string>()}, &a});
  }
  if (ctx.attachments)
    AddAttachmentLinks(imap, *ctx.attachments, AttachmentSource{ctx.account, folder, uidvalidity, uint32_t(uid)},
                       to_publish);
  picojson::array attachments;
  for (auto& a : entries) attachments.emplace_back(std::move(a));
  out["attachments"] = picojson::value(attachments);
  return ToolResult::Ok(picojson::value(out));
}

}  // namespace

std::unique_ptr<Tool> MakeGetMailMessageTool() {
  return std::make_unique<MailTool>(MailToolSpec{.name = "get_mail_message",
                                                 .title = "Read a message",
                                                 .annotations = kReadsMailbox,
                                                 .description = Description(),
                                                 .input_schema = InputSchema(),
                                                 .output_schema = OutputSchema(),
                                                 .run = Run});
}

}  // namespace mail_mcp
