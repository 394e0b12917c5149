#include "tools/message_content.h"

#include <algorithm>

#include "mime/transfer_encoding.h"

namespace mail_mcp {
namespace {

/// A multipart whose boundary the server could not read: no "boundary" parameter, but an RFC 2231
/// form of it ("boundary*", "boundary*0"), which is why the server saw no parts.
bool HasUnreadBoundary(const BodyPart& p) {
  if (p.is_message()) return false;  // an attached message is an attachment, split or not
  if (p.is_multipart() && p.params.count("boundary") == 0)
    for (const auto& [name, value] : p.params)
      if (name.rfind("boundary*", 0) == 0) return true;
  for (const BodyPart& c : p.children)
    if (HasUnreadBoundary(c)) return true;
  return false;
}

/// The server's structure shows nothing a reader could see: no attachment and no text part with
/// any bytes (servers report a message they could not split as one empty part).
bool ShowsNothing(const MessageLayout& l) {
  if (!l.attachments.empty()) return false;
  for (const BodyPart* p : l.text)
    if (p->size > 0) return false;
  return true;
}

std::vector<const BodyPart*> TextParts(const MessageLayout& l) {
  // The message's HTML is mostly the same parts as its text; each is fetched once.
  std::vector<const BodyPart*> out;
  for (const auto* list : {&l.text, &l.html})
    for (const BodyPart* p : *list)
      if (out.size() < kMaxTextParts && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  return out;
}

/// The digest messages whose heading is shown: those whose first text part is read.
std::vector<const BodyPart*> HeadingMessages(const MessageLayout& l) {
  std::vector<const BodyPart*> out;
  const std::vector<const BodyPart*> read = TextParts(l);
  for (const auto& [text, message] : l.headings)
    if (std::find(read.begin(), read.end(), text) != read.end()) out.push_back(message);
  return out;
}

bool Encoded(const BodyPart& p) { return p.encoding == "base64" || p.encoding == "quoted-printable"; }

/// One FETCH for the text parts and, when `with_sizes`, BINARY.SIZE of encoded attachments.
StatusOr<ImapResult> FetchTextAndSizes(ImapSession& imap, uint32_t uid, const MessageLayout& layout, bool with_sizes) {
  std::string items;
  uint64_t budget = kMaxTextBytes;
  /// What is asked for (each part's announced size, within the budget; each heading at most its
  /// message's size, or kMaxHeadingBytes) plus room for the FETCH syntax: a server that sends more
  /// is refused there, not buffered up to the session's 64 MiB.
  constexpr uint64_t kMaxHeadingBytes = uint64_t{1} << 20;
  uint64_t expected = uint64_t{64} << 10;
  for (const BodyPart* p : TextParts(layout)) {
    if (budget == 0) break;
    items += (items.empty() ? "" : " ") + std::string("BODY.PEEK[") + p->part + "]";
    // Beyond the budget a part is read partially: the window could not reach further anyway.
    if (p->size > budget) items += "<0." + std::to_string(budget) + ">";
    expected += std::min(budget, p->size);
    budget -= std::min(budget, p->size);
  }
  for (const BodyPart* m : HeadingMessages(layout)) {
    items += (items.empty() ? "" : " ") + std::string("BODY.PEEK[") + m->part + ".HEADER]";
    expected += std::min(m->size, kMaxHeadingBytes);
  }
  if (with_sizes)
    for (const BodyPart* p : layout.attachments)
      if (Encoded(*p)) {
        items += (items.empty() ? "" : " ") + std::string("BINARY.SIZE[") + p->part + "]";
        expected += 64;
      }
  if (items.empty()) return ImapResult{{}, "OK", ""};
  ImapCommand fetch("UID FETCH");
  fetch.Number(uid).Raw("(" + items + ")").MaxResponseBytes(size_t(expected));
  return imap.Run(fetch);
}

Status ReadFromServer(ImapSession& imap, uint32_t uid, MessageContent* c) {
  const bool binary = imap.HasCapability("BINARY");
  auto r = FetchTextAndSizes(imap, uid, c->layout, binary);
  if (r.ok() && !r->ok() && binary) r = FetchTextAndSizes(imap, uid, c->layout, false);  // e.g. [UNKNOWN-CTE]
  if (!r.ok()) return r.status();
  if (!r->ok()) return Status::InvalidArgument("the server refused to send the message's text: " + r->text);
  auto fetched = ParseFetchResponses(r->untagged);
  if (!fetched.ok()) return fetched.status();
  for (auto& m : *fetched) {
    if (m.uid != uid) continue;
    for (const BodyPart* p : TextParts(c->layout))
      if (auto it = m.sections.find("BODY[" + p->part + "]"); it != m.sections.end())
        c->text[p->part] = std::move(it->second);
    for (const BodyPart* message : HeadingMessages(c->layout)) {
      auto it = m.sections.find("BODY[" + message->part + ".HEADER]");
      if (it == m.sections.end()) continue;
      if (auto parsed = ParseMimeMessage(it->second); parsed.ok())
        c->headings[message->part] = ReadMessageHeaders(*parsed);
    }
    for (const BodyPart* p : c->layout.attachments) {
      if (auto it = m.binary_sizes.find("BINARY[" + p->part + "]"); it != m.binary_sizes.end())
        c->sizes[p->part] = it->second;
    }
  }
  // Parts that are not transfer-encoded are their own decoded size.
  for (const BodyPart* p : c->layout.attachments)
    if (!Encoded(*p)) c->sizes.emplace(p->part, p->size);
  return Status::OK();
}

/// Our parse as BodyParts, numbered as we numbered them.
BodyPart FromMime(const MimePart& m) {
  BodyPart b;
  b.part = m.part_id;
  const size_t slash = m.content_type.find('/');
  b.type = m.content_type.substr(0, slash);
  b.subtype = slash == std::string::npos ? "" : m.content_type.substr(slash + 1);
  b.params = m.type_params;
  if (!m.content_id.empty()) b.id = "<" + m.content_id + ">";
  b.encoding = m.transfer_encoding;
  b.size = m.body.size();
  b.disposition = m.disposition;
  if (!m.filename.empty()) b.disposition_params["filename"] = m.filename;
  const bool message = m.content_type == "message/rfc822" || m.content_type == "message/global";
  if (message && !m.children.empty()) {
    b.envelope = Envelope{};
    b.envelope->subject = GetHeader(m.children[0], "Subject");
    b.children.push_back(FromMime(m.children[0]));
  } else if (!message) {
    for (const MimePart& child : m.children) b.children.push_back(FromMime(child));
  }
  if (b.is_multipart()) b.part = b.part.empty() ? "TEXT" : b.part;
  return b;
}

/// The leaf parts of `m` by number, and attached messages: the container by its number, the
/// leaves inside it by theirs (a digest's messages are read inline).
void IndexLeaves(const MimePart& m, std::map<std::string, const MimePart*>* out) {
  const bool message = m.content_type == "message/rfc822" || m.content_type == "message/global";
  if (m.children.empty() || message) out->emplace(m.part_id, &m);
  for (const MimePart& c : m.children) IndexLeaves(c, out);
}

Status ReadParsed(ImapSession& imap, uint32_t uid, MessageContent* c) {
  ImapCommand fetch("UID FETCH");
  /// The whole message, which is at most kMaxParsedMessageBytes (or we would not be here), plus
  /// room for the FETCH syntax.
  fetch.Number(uid).Raw("(BODY.PEEK[])").MaxResponseBytes(size_t(kMaxParsedMessageBytes) + (size_t{64} << 10));
  auto r = imap.RunOk(fetch);
  if (!r.ok()) return r.status();
  auto fetched = ParseFetchResponses(r->untagged);
  if (!fetched.ok()) return fetched.status();
  std::string raw;
  for (auto& m : *fetched)
    if (auto it = m.sections.find("BODY[]"); m.uid == uid && it != m.sections.end()) raw = std::move(it->second);
  auto parsed = ParseMimeMessage(raw);
  if (!parsed.ok()) return parsed.status();
  raw.clear();
  raw.shrink_to_fit();
  c->parsed = std::make_shared<const MimePart>(std::move(*parsed));
  c->root = std::make_unique<BodyPart>(FromMime(*c->parsed));
  c->layout = LayOutMessage(*c->root);
  std::map<std::string, const MimePart*> leaves;
  IndexLeaves(*c->parsed, &leaves);
  uint64_t budget = kMaxTextBytes;
  for (const BodyPart* p : TextParts(c->layout)) {
    auto it = leaves.find(p->part);
    if (it == leaves.end() || budget == 0) continue;
    const std::string& body = it->second->body;
    c->text[p->part] = body.substr(0, budget);
    budget -= std::min<uint64_t>(budget, body.size());
  }
  for (const BodyPart* p : c->layout.attachments)
    if (auto it = leaves.find(p->part); it != leaves.end())
      c->sizes[p->part] = DecodeTransferEncoding(it->second->body, it->second->transfer_encoding).size();
  for (const BodyPart* message : HeadingMessages(c->layout))
    if (auto it = leaves.find(message->part); it != leaves.end() && !it->second->children.empty())
      c->headings[message->part] = ReadMessageHeaders(it->second->children[0]);
  return Status::OK();
}

}  // namespace

bool StructureIsUsable(const BodyPart& root) { return !HasUnreadBoundary(root) && !ShowsNothing(LayOutMessage(root)); }

StatusOr<MessageContent> ReadMessageContent(ImapSession& imap, uint32_t uid, const FetchedMessage& head) {
  MessageContent c;
  if (head.body) {
    c.root = std::make_unique<BodyPart>(*head.body);
    c.layout = LayOutMessage(*c.root);
  }
  const bool unusable = !head.body || !StructureIsUsable(*head.body);
  if (unusable && head.size <= kMaxParsedMessageBytes) {
    MessageContent parsed;
    if (Status s = ReadParsed(imap, uid, &parsed); !s.ok()) return s;
    return parsed;
  }
  if (!c.root) c.root = std::make_unique<BodyPart>();
  if (Status s = ReadFromServer(imap, uid, &c); !s.ok()) return s;
  return c;
}

StatusOr<std::string> ParsedPartBytes(const MimePart& message, const std::string& part) {
  std::map<std::string, const MimePart*> leaves;
  IndexLeaves(message, &leaves);
  auto it = leaves.find(part);
  if (it == leaves.end()) return Status::NotFound("no part " + part + " in the message");
  return DecodeTransferEncoding(it->second->body, it->second->transfer_encoding);
}

}  // namespace mail_mcp
