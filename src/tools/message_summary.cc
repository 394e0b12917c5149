#include "tools/message_summary.h"

#include "mime/encoded_words.h"
#include "mime/header_params.h"
#include "mime/mail_date.h"
#include "util/ascii.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {

const char kSummaryFetchItems[] = "(UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE BODYSTRUCTURE)";

size_t SummaryResponseBytes(size_t messages) { return (messages + 1) * (size_t{256} << 10); }

namespace {

bool IsBodyText(const BodyPart& p) {
  return p.type == "text" && (p.subtype == "plain" || p.subtype == "html") && p.disposition != "attachment" &&
         PartFilename(p).empty();
}

void CollectAttachments(const BodyPart& p, std::vector<const BodyPart*>* out) {
  if (p.is_multipart()) {
    for (const BodyPart& c : p.children) CollectAttachments(c, out);
    return;
  }
  if (p.is_message() || !IsBodyText(p)) out->push_back(&p);
}

void FindText(const BodyPart& p, const BodyPart** plain, const BodyPart** html) {
  if (p.is_multipart()) {
    for (const BodyPart& c : p.children) FindText(c, plain, html);
    return;
  }
  if (p.is_message() || !IsBodyText(p)) return;  // forwarded messages stay attachments
  if (p.subtype == "plain" && !*plain) *plain = &p;
  if (p.subtype == "html" && !*html) *html = &p;
}

std::string QuoteParam(const std::string& v) {
  std::string q = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

}  // namespace

picojson::value AddressesJson(const std::vector<ImapAddress>& list) {
  picojson::array out;
  for (const ImapAddress& a : list) {
    if (a.group_start || a.group_end) continue;
    picojson::object o;
    o["name"] = picojson::value(DecodeHeaderText(a.name));
    o["address"] = picojson::value(a.host.empty() ? a.mailbox : a.mailbox + "@" + a.host);
    out.emplace_back(o);
  }
  return picojson::value(out);
}

std::string MessageIdText(const std::string& raw) { return std::string(Trim(UnfoldHeader(raw), " \t")); }

std::string ReferencesOf(const FetchedMessage& m) {
  std::string v;
  for (const auto& [key, bytes] : m.sections)
    if (key.rfind("BODY[HEADER.FIELDS", 0) == 0) v = UnfoldHeader(bytes);
  size_t colon = v.find(':');
  if (colon == std::string::npos) return "";
  return CollapseWhitespace(std::string_view(v).substr(colon + 1));
}

picojson::object SummarizeMessage(const FetchedMessage& m) {
  picojson::object o;
  o["uid"] = picojson::value(int64_t(m.uid));
  const Envelope empty;
  const Envelope& e = m.envelope ? *m.envelope : empty;
  o["message_id"] = picojson::value(MessageIdText(e.message_id));
  o["in_reply_to"] = picojson::value(MessageIdText(e.in_reply_to));
  o["subject"] = picojson::value(DecodeHeaderText(e.subject));
  o["from"] = AddressesJson(e.from);
  o["sender"] = AddressesJson(e.sender);
  o["reply_to"] = AddressesJson(e.reply_to);
  o["to"] = AddressesJson(e.to);
  o["cc"] = AddressesJson(e.cc);
  auto date = Rfc5322DateToIso(e.date);
  if (!date) date = InternalDateToIso(m.internaldate);
  o["date"] = date ? picojson::value(*date) : picojson::value();
  o["size"] = picojson::value(int64_t(m.size));
  picojson::array flags;
  if (m.flags)
    for (const auto& f : *m.flags) flags.emplace_back(f);
  o["flags"] = picojson::value(flags);
  o["has_attachments"] = picojson::value(m.body && !AttachmentParts(*m.body).empty());
  return o;
}

picojson::value SummarySchema() {
  return ParseSchemaLiteral(R"({"type":"object","properties":{
    "uid":{"type":"integer"},"message_id":{"type":"string"},"in_reply_to":{"type":"string"},
    "subject":{"type":"string"},
    "from":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"address":{"type":"string"}}}},
    "sender":{"type":"array"},"reply_to":{"type":"array"},"to":{"type":"array"},"cc":{"type":"array"},
    "date":{"type":["string","null"],"description":"ISO 8601 with the sender's UTC offset"},
    "size":{"type":"integer"},"flags":{"type":"array","items":{"type":"string"}},
    "has_attachments":{"type":"boolean"}},
    "required":["uid","subject","from","to","date","size","flags","has_attachments"]})");
}

std::vector<const BodyPart*> AttachmentParts(const BodyPart& root) {
  std::vector<const BodyPart*> out;
  CollectAttachments(root, &out);
  return out;
}

void FindTextParts(const BodyPart& root, const BodyPart** plain, const BodyPart** html) {
  *plain = *html = nullptr;
  FindText(root, plain, html);
}

std::map<std::string, std::string> DecodedParams(const std::map<std::string, std::string>& raw) {
  // IMAP hands parameters over as written in the header (RFC 2231 pieces included); re-assemble a
  // header value so the MIME layer's one parameter decoder handles every form.
  std::string header = "x";
  for (const auto& [k, v] : raw) header += "; " + k + "=" + QuoteParam(v);
  return ParseHeaderValue(header).params;
}

std::string PartFilename(const BodyPart& part) {
  auto d = DecodedParams(part.disposition_params);
  if (auto it = d.find("filename"); it != d.end() && !it->second.empty()) return it->second;
  auto p = DecodedParams(part.params);
  if (auto it = p.find("name"); it != p.end()) return it->second;
  return "";
}

}  // namespace mail_mcp
