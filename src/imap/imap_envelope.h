// The ENVELOPE of a FETCH response (RFC 3501 §7.4.2): a message's main header fields as the
// server parsed them.
//
// Strings stay raw, exactly as the server sent them: a subject or display name may still hold
// RFC 2047 encoded words or 8-bit bytes, which the MIME layer decodes. NIL becomes "". Address
// groups (RFC 5322 "team: a@x, b@y;") arrive flattened, marked by a start entry (mailbox = the
// group name, group_start) and an end entry (group_end).
//
// Thread-safety: plain values and a pure function.
#pragma once

#include <string>
#include <vector>

#include "imap/imap_response.h"
#include "util/status.h"

namespace mail_mcp {

struct ImapAddress {
  std::string name;     // display name, raw (may hold RFC 2047 words); "" when NIL
  std::string mailbox;  // local part; the group name for a group start
  std::string host;     // domain; "" for group markers
  bool group_start = false;
  bool group_end = false;
};

struct Envelope {
  std::string date, subject, in_reply_to, message_id;  // raw; "" when NIL
  std::vector<ImapAddress> from, sender, reply_to, to, cc, bcc;
};

/// Parses the 10-element ENVELOPE list. InvalidArgument when it is not one.
StatusOr<Envelope> ParseEnvelope(const ImapValue& value);

}  // namespace mail_mcp
