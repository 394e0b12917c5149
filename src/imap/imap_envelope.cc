#include "imap/imap_envelope.h"

namespace mail_mcp {
namespace {

Status Malformed(const char* what) {
  return Status::InvalidArgument(std::string("malformed ENVELOPE from the IMAP server (") + what + ")");
}

/// nstring: a string or NIL ("" then). Servers also send atoms where strings belong; accept them.
bool NString(const ImapValue& v, std::string* out) {
  if (v.kind == ImapValue::Kind::kNil) {
    out->clear();
    return true;
  }
  if (!v.is_astring()) return false;
  *out = v.text;
  return true;
}

Status Addresses(const ImapValue& v, std::vector<ImapAddress>* out) {
  if (v.kind == ImapValue::Kind::kNil) return Status::OK();
  if (!v.is_list()) return Malformed("address list");
  for (const ImapValue& a : v.items) {
    if (!a.is_list() || a.items.size() != 4) return Malformed("address");
    ImapAddress address;
    std::string route;  // the obsolete source route (adl) is dropped
    if (!NString(a.items[0], &address.name) || !NString(a.items[1], &route) || !NString(a.items[2], &address.mailbox) ||
        !NString(a.items[3], &address.host))
      return Malformed("address field");
    if (a.items[3].kind == ImapValue::Kind::kNil) {
      // RFC 3501: host NIL marks a group; mailbox NIL too means its end, else it is the name.
      if (a.items[2].kind == ImapValue::Kind::kNil) address.group_end = true;
      else address.group_start = true;
    }
    out->push_back(std::move(address));
  }
  return Status::OK();
}

}  // namespace

StatusOr<Envelope> ParseEnvelope(const ImapValue& value) {
  if (!value.is_list() || value.items.size() < 10) return Malformed("not a 10-element list");
  const std::vector<ImapValue>& f = value.items;
  Envelope e;
  if (!NString(f[0], &e.date) || !NString(f[1], &e.subject) || !NString(f[8], &e.in_reply_to) ||
      !NString(f[9], &e.message_id))
    return Malformed("string field");
  std::vector<ImapAddress>* lists[] = {&e.from, &e.sender, &e.reply_to, &e.to, &e.cc, &e.bcc};
  for (size_t i = 0; i < 6; ++i)
    if (Status s = Addresses(f[2 + i], lists[i]); !s.ok()) return s;
  return e;
}

}  // namespace mail_mcp
