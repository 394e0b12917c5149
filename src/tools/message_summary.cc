#include "tools/message_summary.h"

#include "mime/header_params.h"
#include "mime/mail_date.h"
#include "mime/message.h"
#include "tools/message_layout.h"
#include "util/json_schema_literal.h"

namespace mail_mcp {

const char kSummaryFetchItems[] =
    "(UID FLAGS RFC822.SIZE INTERNALDATE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (DATE "
    "SUBJECT FROM SENDER REPLY-TO TO CC MESSAGE-ID IN-REPLY-TO)])";
const char kFullFetchItems[] =
    "(UID FLAGS RFC822.SIZE INTERNALDATE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (DATE "
    "SUBJECT FROM SENDER REPLY-TO TO CC BCC MESSAGE-ID IN-REPLY-TO REFERENCES)])";

size_t SummaryResponseBytes(size_t messages) { return (messages + 1) * (size_t{256} << 10); }

namespace {

std::string QuoteParam(const std::string& v) {
  std::string q = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

}  // namespace

MessageHeaders HeadersOf(const FetchedMessage& m) {
  for (const auto& [key, bytes] : m.sections) {
    if (key.rfind("BODY[HEADER.FIELDS", 0) != 0) continue;
    auto parsed = ParseMimeMessage(bytes);
    if (parsed.ok()) return ReadMessageHeaders(*parsed);
  }
  return {};
}

picojson::value AddressesJson(const std::vector<MailAddress>& list) {
  picojson::array out;
  for (const MailAddress& a : list) {
    picojson::object o;
    o["name"] = picojson::value(a.name);
    o["address"] = picojson::value(a.address);
    out.emplace_back(o);
  }
  return picojson::value(out);
}

void PutHeaderFields(const MessageHeaders& h, picojson::object* o) {
  (*o)["message_id"] = picojson::value(h.message_id);
  (*o)["in_reply_to"] = picojson::value(h.in_reply_to);
  (*o)["subject"] = picojson::value(h.subject);
  (*o)["from"] = AddressesJson(h.from);
  (*o)["sender"] = AddressesJson(h.sender);
  (*o)["reply_to"] = AddressesJson(h.reply_to);
  (*o)["to"] = AddressesJson(h.to);
  (*o)["cc"] = AddressesJson(h.cc);
  (*o)["date"] = h.date ? picojson::value(*h.date) : picojson::value();
}

picojson::object SummarizeMessage(const FetchedMessage& m) {
  picojson::object o;
  o["uid"] = picojson::value(int64_t(m.uid));
  PutHeaderFields(HeadersOf(m), &o);
  const auto received = InternalDateToIso(m.internaldate);
  o["received_at"] = received ? picojson::value(*received) : picojson::value();
  o["size"] = picojson::value(int64_t(m.size));
  picojson::array flags;
  if (m.flags)
    for (const auto& f : *m.flags) flags.emplace_back(f);
  o["flags"] = picojson::value(flags);
  o["has_attachments"] = picojson::value(m.body && !LayOutMessage(*m.body).attachments.empty());
  return o;
}

picojson::value SummarySchema() {
  return ParseSchemaLiteral(R"({"type":"object","properties":{
    "uid":{"type":"integer"},"message_id":{"type":"string"},"in_reply_to":{"type":"string"},
    "subject":{"type":"string","description":"the first Subject field, decoded"},
    "from":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"address":{"type":"string"}}}},
    "sender":{"type":"array","description":"empty when the message has no Sender field"},"reply_to":{"type":"array","description":"empty when the message has no Reply-To field: reply to from"},"to":{"type":"array"},"cc":{"type":"array"},
    "date":{"type":["string","null"],"description":"the sender's Date field as ISO 8601 with the sender's UTC offset; null when the message has none or it cannot be read"},
    "received_at":{"type":["string","null"],"description":"when the server received the message (IMAP INTERNALDATE), ISO 8601"},
    "size":{"type":"integer"},"flags":{"type":"array","items":{"type":"string"}},
    "has_attachments":{"type":"boolean"}},
    "required":["uid","subject","from","to","date","received_at","size","flags","has_attachments"]})");
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
