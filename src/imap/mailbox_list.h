// The user's mailboxes (folders) as the LIST command reports them (RFC 3501 §7.2.2, RFC 6154).
//
// MailboxInfo is what the list_mailboxes tool shows and what other tools accept back as a folder
// name: `name` is UTF-8, decoded from the modified UTF-7 the server uses; `wire_name` is the exact
// name to put in commands. INBOX is always spelled "INBOX" (it is case-insensitive) and sorts
// first; the rest sort by name. A special-use attribute (\Sent, \Drafts...) is copied into
// special_use so that callers can find e.g. the Sent folder whatever it is called.
//
// Thread-safety: ParseListResponse is a pure function; ListMailboxes uses the connection it is
// given (see ImapSession).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imap/imap_response.h"
#include "imap/imap_session.h"
#include "util/status.h"

namespace mail_mcp {

/// What STATUS (MESSAGES UNSEEN) says of a mailbox.
struct MailboxCounts {
  uint64_t messages = 0;
  uint64_t unseen = 0;
};

struct MailboxInfo {
  std::string name;                     // UTF-8; the raw wire name when that does not decode
  std::string wire_name;                // as the server spells it (modified UTF-7)
  std::string delimiter;                // hierarchy delimiter; "" when the server says NIL
  std::vector<std::string> attributes;  // as sent, e.g. "\\HasNoChildren", "\\Sent"
  std::string special_use;  // "\\Sent", "\\Drafts", "\\Trash", "\\Junk", "\\Archive", "\\All", "\\Flagged" or ""
  bool selectable = true;   // false for \Noselect and \NonExistent
  bool subscribed = false;  // \Subscribed (only when listed with SUBSCRIBED, see ListMailboxes)
  std::optional<MailboxCounts> counts;  // from LIST-STATUS or STATUS; nullopt when not asked or not known
};

/// The mailboxes in the untagged LIST responses of `untagged` (other responses are ignored),
/// sorted. InvalidArgument when the text does not parse or a LIST response is malformed.
StatusOr<std::vector<MailboxInfo>> ParseListResponse(std::string_view untagged);

/// The same for responses already tokenized (e.g. ImapResult::untagged).
StatusOr<std::vector<MailboxInfo>> ParseListResponses(const std::vector<ImapResponse>& responses);

/// The untagged STATUS responses among `responses` (RFC 3501 §7.2.4): counts by wire name (INBOX
/// in any case spelled "INBOX"). Malformed ones are skipped.
std::vector<std::pair<std::string, MailboxCounts>> ParseStatusResponses(const std::vector<ImapResponse>& responses);

/// Runs LIST on the session (asking for SPECIAL-USE attributes when the server supports it). With
/// `with_counts` and a server that offers LIST-STATUS (RFC 5819), the same command returns each
/// selectable mailbox's MESSAGES and UNSEEN in `counts`; otherwise counts stay empty (the caller
/// may ask with MailboxStatus).
StatusOr<std::vector<MailboxInfo>> ListMailboxes(ImapSession& imap, bool with_counts = false);

/// STATUS (MESSAGES UNSEEN) of one mailbox, by UTF-8 name; NotFound when it does not exist.
StatusOr<MailboxCounts> MailboxStatus(ImapSession& imap, std::string_view utf8_name);

}  // namespace mail_mcp
