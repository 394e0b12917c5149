// Parsing of address headers (From, To, Cc, Reply-To...) per RFC 5322 §3.4, leniently.
//
// Handles display names (quoted or not, RFC 2047 encoded words decoded), angle addresses, bare
// addresses, comments (one can serve as the name: "alice@x (Alice)"), groups ("Team: a@x, b@y;",
// members flattened, the group name dropped), obsolete routes ("<@relay:bob@y>"), and whatever
// junk follows. A quoted local part keeps its quotes ("\"a b\"@x" is another mailbox than "ab@x"),
// and a lone local part without a domain ("From: foo") is kept as written, as mail clients show
// it. It never fails: entries with no recognisable address are skipped, and an unterminated quote,
// comment or angle bracket ends at the end of its entry or of the value.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mail_mcp {

struct MailAddress {
  std::string name;     // UTF-8 display name, "" when there is none
  std::string address;  // addr-spec as written ("user@example.com"); not case-folded
};

/// At most kMaxAddresses entries are returned.
std::vector<MailAddress> ParseAddressList(std::string_view raw);

constexpr size_t kMaxAddresses = 1000;

}  // namespace mail_mcp
