#include "imap/mailbox_list.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "imap/imap_response.h"
#include "imap/imap_utf7.h"
#include "util/ascii.h"
#include "util/utf8.h"

namespace mail_mcp {
namespace {

/// RFC 6154 special-use attributes, spelled as the RFC does.
constexpr std::string_view kSpecialUses[] = {"\\All",  "\\Archive", "\\Drafts", "\\Flagged",
                                             "\\Junk", "\\Sent",    "\\Trash"};

/// ASCII case folded, compared as unsigned so that UTF-8 bytes sort after ASCII.
bool LessIgnoreCase(const std::string& a, const std::string& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return static_cast<unsigned char>(ToLowerAscii(x)) < static_cast<unsigned char>(ToLowerAscii(y));
  });
}

bool IsInbox(const MailboxInfo& m) { return m.wire_name == "INBOX"; }

/// INBOX first, then by name ignoring ASCII case, then byte order so that the order is total.
bool MailboxLess(const MailboxInfo& a, const MailboxInfo& b) {
  if (IsInbox(a) != IsInbox(b)) return IsInbox(a);
  if (LessIgnoreCase(a.name, b.name)) return true;
  if (LessIgnoreCase(b.name, a.name)) return false;
  return a.name < b.name;
}

Status Malformed() { return Status::InvalidArgument("malformed LIST response from the IMAP server"); }

/// One "* LIST (attributes) delimiter name [extended data]" response.
Status ParseOne(const ImapResponse& r, MailboxInfo* m) {
  const std::vector<ImapValue>& v = r.values;
  if (v.size() < 4 || !v[1].is_list()) return Malformed();
  for (const ImapValue& attr : v[1].items) {
    if (attr.kind != ImapValue::Kind::kAtom) return Malformed();
    m->attributes.push_back(attr.text);
    for (std::string_view use : kSpecialUses)
      if (m->special_use.empty() && EqualsIgnoreCase(attr.text, use)) m->special_use = std::string(use);
    if (EqualsIgnoreCase(attr.text, "\\Noselect") || EqualsIgnoreCase(attr.text, "\\NonExistent"))
      m->selectable = false;
    if (EqualsIgnoreCase(attr.text, "\\Subscribed")) m->subscribed = true;
  }
  if (v[2].kind == ImapValue::Kind::kString) m->delimiter = v[2].text;
  else if (v[2].kind != ImapValue::Kind::kNil) return Malformed();
  // A mailbox really called NIL arrives as the atom NIL, which the tokenizer reads as kNil.
  if (v[3].kind == ImapValue::Kind::kNil) m->wire_name = "NIL";
  else if (v[3].is_astring()) m->wire_name = v[3].text;
  else return Malformed();

  if (EqualsIgnoreCase(m->wire_name, "INBOX")) m->wire_name = "INBOX";
  std::optional<std::string> decoded = DecodeImapUtf7(m->wire_name);
  // A name that is not canonical modified UTF-7 is still listed, as what the server sent.
  m->name = decoded ? std::move(*decoded) : ToValidUtf8(m->wire_name);
  return Status::OK();
}

}  // namespace

StatusOr<std::vector<MailboxInfo>> ParseListResponses(const std::vector<ImapResponse>& responses) {
  std::vector<MailboxInfo> out;
  for (const ImapResponse& r : responses) {
    if (r.kind != ImapResponse::Kind::kUntagged || r.values.empty() || !r.values[0].IsAtom("LIST")) continue;
    MailboxInfo m;
    if (Status s = ParseOne(r, &m); !s.ok()) return s;
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), MailboxLess);
  // A server may repeat a mailbox (e.g. in two namespaces' answers); keep the first.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const MailboxInfo& a, const MailboxInfo& b) { return a.wire_name == b.wire_name; }),
            out.end());
  return out;
}

StatusOr<std::vector<MailboxInfo>> ParseListResponse(std::string_view untagged) {
  auto responses = ParseImapResponses(untagged);
  if (!responses.ok()) return Status::InvalidArgument("LIST: " + responses.status().message());
  return ParseListResponses(*responses);
}

std::vector<std::pair<std::string, MailboxCounts>> ParseStatusResponses(const std::vector<ImapResponse>& responses) {
  std::vector<std::pair<std::string, MailboxCounts>> out;
  for (const ImapResponse& r : responses) {
    const std::vector<ImapValue>& v = r.values;
    if (r.kind != ImapResponse::Kind::kUntagged || v.size() < 3 || !v[0].IsAtom("STATUS") || !v[2].is_list()) continue;
    std::string name = v[1].kind == ImapValue::Kind::kNil ? "NIL" : v[1].text;
    if (!v[1].is_astring() && v[1].kind != ImapValue::Kind::kNil) continue;
    if (EqualsIgnoreCase(name, "INBOX")) name = "INBOX";
    MailboxCounts c;
    const std::vector<ImapValue>& items = v[2].items;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
      std::optional<uint64_t> n = ImapNumber(items[i + 1]);
      if (!n) continue;
      if (items[i].IsAtom("MESSAGES")) c.messages = *n;
      else if (items[i].IsAtom("UNSEEN")) c.unseen = *n;
    }
    out.emplace_back(std::move(name), c);
  }
  return out;
}

StatusOr<MailboxCounts> MailboxStatus(ImapSession& imap, std::string_view utf8_name) {
  ImapCommand status("STATUS");
  status.Mailbox(utf8_name).Raw("(MESSAGES UNSEEN)");
  auto r = imap.RunOk(status);
  if (!r.ok()) return r.status();
  auto counts = ParseStatusResponses(r->untagged);
  if (counts.empty()) return Status::InvalidArgument("the IMAP server answered STATUS without counts");
  return counts.back().second;
}

StatusOr<std::vector<MailboxInfo>> ListMailboxes(ImapSession& imap, bool with_counts) {
  // RFC 6154 servers may put special-use attributes on plain LIST too (Dovecot, Gmail do); the
  // RETURN option asks for them explicitly, and needs LIST-EXTENDED (RFC 5258) syntax. Given any
  // RETURN option Dovecot stops sending \HasChildren/\HasNoChildren, so ask for CHILDREN as well.
  // LIST-STATUS (RFC 5819) adds STATUS responses to the same command: one round trip for all counts.
  ImapCommand list("LIST");
  list.String("").String("*");
  const bool extended = imap.HasCapability("LIST-EXTENDED");
  const bool special_use = extended && imap.HasCapability("SPECIAL-USE");
  const bool list_status = with_counts && extended && imap.HasCapability("LIST-STATUS");
  if (special_use || list_status) {
    list.Atom("RETURN").Atom("(").Atom("CHILDREN");
    if (special_use) list.Atom("SPECIAL-USE");
    if (list_status) list.Atom("STATUS").Raw("(MESSAGES UNSEEN)");
    list.Atom(")");
  }
  auto result = imap.RunOk(list);
  if (!result.ok()) return result.status();
  auto boxes = ParseListResponses(result->untagged);
  if (!boxes.ok() || !list_status) return boxes;
  for (auto& [wire, counts] : ParseStatusResponses(result->untagged))
    for (MailboxInfo& m : *boxes)
      if (m.wire_name == wire) m.counts = counts;
  return boxes;
}

}  // namespace mail_mcp
