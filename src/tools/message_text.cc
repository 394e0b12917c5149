#include "tools/message_text.h"

#include "mime/html_to_text.h"
#include "mime/message.h"
#include "tools/message_summary.h"
#include "util/ascii.h"

namespace mail_mcp {
namespace {

/// A part's decoded text; "" when it was not read.
std::string DecodedPartText(const BodyPart& p, const MessageContent& c) {
  auto raw = c.text.find(p.part);
  if (raw == c.text.end()) return "";
  return DecodeBodyText(raw->second, p.encoding, DecodedParams(p.params), p.type + "/" + p.subtype);
}

/// The heading of a digest message shown inline: its From, Date and Subject lines (those it has).
std::string Heading(const BodyPart& text, const MessageContent& c) {
  auto message = c.layout.headings.find(&text);
  if (message == c.layout.headings.end()) return "";
  auto h = c.headings.find(message->second->part);
  if (h == c.headings.end()) return "";
  std::string out;
  if (!h->second.from.empty()) out += "From: " + AddressLine(h->second.from) + "\n";
  if (h->second.date) out += "Date: " + *h->second.date + "\n";
  if (!h->second.subject.empty()) out += "Subject: " + VisiblePlainText(h->second.subject).text + "\n";
  return out;
}

}  // namespace

std::string AddressLine(const std::vector<MailAddress>& list) {
  std::string out;
  for (const MailAddress& a : list)
    out += (out.empty() ? "" : ", ") + (a.name.empty() ? a.address : a.name + " <" + a.address + ">");
  return out;
}

BodyText ReadableText(const MessageContent& c) {
  BodyText b;
  for (const BodyPart* p : c.layout.text) {
    const bool html = p->subtype == "html";
    VisibleText v = html ? RenderHtml(DecodedPartText(*p, c)) : VisiblePlainText(DecodedPartText(*p, c));
    b.hidden += v.hidden;
    std::string& text = v.text;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t')) text.pop_back();
    const std::string heading = Heading(*p, c);
    if (!heading.empty()) text = Trim(text).empty() ? heading.substr(0, heading.size() - 1) : heading + "\n" + text;
    if (Trim(text).empty()) continue;
    b.from_html = b.from_html || html;
    b.text += (b.text.empty() ? "" : "\n\n") + text;
  }
  // The HTML as sent, each part ending in a line break.
  for (const BodyPart* p : c.layout.html) {
    std::string html = DecodedPartText(*p, c);
    if (html.empty()) continue;
    b.html += html + (html.back() == '\n' ? "" : "\n");
  }
  return b;
}

}  // namespace mail_mcp
