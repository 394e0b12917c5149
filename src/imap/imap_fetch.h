// Parsers for what the read tools ask the server for: FETCH responses (RFC 3501 §7.4.2), SEARCH
// and ESEARCH results (RFC 3501 §7.2.5, RFC 4731), sequence sets, and the UIDPLUS response codes
// APPENDUID and COPYUID (RFC 4315).
//
// Input is untrusted: sizes are bounded (a sequence set from the server cannot expand past a
// limit), malformed data is InvalidArgument, unknown FETCH items are skipped.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imap/imap_bodystructure.h"
#include "imap/imap_envelope.h"
#include "imap/imap_response.h"
#include "util/status.h"

namespace mail_mcp {

/// One message's FETCH data. Fields the server did not send keep their defaults.
struct FetchedMessage {
  uint32_t seq = 0;
  uint32_t uid = 0;                               // 0 when UID was not sent
  std::optional<std::vector<std::string>> flags;  // as sent, e.g. "\\Seen", "$Forwarded"
  std::string internaldate;                       // raw, e.g. "17-Jul-1996 02:44:25 -0700"
  uint64_t size = 0;                              // RFC822.SIZE
  uint64_t modseq = 0;                            // CONDSTORE MODSEQ
  std::optional<Envelope> envelope;
  std::optional<BodyPart> body;  // BODYSTRUCTURE (or BODY)
  /// Body sections by normalised name: upper case, no partial suffix, e.g. "BODY[]",
  /// "BODY[1.2]", "BODY[HEADER.FIELDS (FROM TO)]", "BINARY[2]", "RFC822.HEADER". NIL is "".
  std::map<std::string, std::string> sections;
  /// For sections sent as a partial ("BODY[]<0>"): the origin, by the same key.
  std::map<std::string, uint64_t> section_origins;
  /// BINARY.SIZE[n] (RFC 3516): the decoded size, by "BINARY[n]".
  std::map<std::string, uint64_t> binary_sizes;
};

/// The FETCH responses among `responses` (others are ignored), one entry per message sequence
/// number in order of first appearance; several FETCH responses for the same message (e.g. an
/// unsolicited flag update and the data asked for) are merged.
StatusOr<std::vector<FetchedMessage>> ParseFetchResponses(const std::vector<ImapResponse>& responses);

/// What SEARCH or ESEARCH returned.
struct SearchResult {
  std::vector<uint32_t> ids;      // sequence numbers or UIDs, in the server's order
  std::optional<uint64_t> count;  // ESEARCH COUNT; for plain SEARCH, ids.size()
  std::optional<uint32_t> min, max;
  uint64_t modseq = 0;  // CONDSTORE: highest mod-sequence of the matches
  bool uid = false;     // ESEARCH said UID
};

/// Combines the SEARCH and ESEARCH responses among `responses`. More than `max_ids` results is
/// ResourceExhausted.
StatusOr<SearchResult> ParseSearchResponses(const std::vector<ImapResponse>& responses,
                                            size_t max_ids = size_t{1} << 22);

/// Appends the numbers in a sequence set such as "1:3,7,10:8" (ranges in either direction come out
/// ascending) to `out`. "*" is refused (servers never send it in results). ResourceExhausted when
/// `out` would pass `max_ids`.
Status ExpandSequenceSet(std::string_view set, size_t max_ids, std::vector<uint32_t>* out);

/// The shortest sequence set for `ids` (sorted and deduplicated first): {1,2,3,7} gives "1:3,7".
/// "" for no ids.
std::string CompressSequenceSet(std::vector<uint32_t> ids);

/// [APPENDUID uidvalidity uid-set] in an APPEND's tagged text (MULTIAPPEND may give a set).
struct AppendUid {
  uint32_t uidvalidity = 0;
  std::vector<uint32_t> uids;
};
/// [COPYUID uidvalidity source-set dest-set] from COPY's tagged text, or from the untagged OK
/// that UID MOVE sends before its EXPUNGEs: source_uids[i] became dest_uids[i].
struct CopyUid {
  uint32_t uidvalidity = 0;
  std::vector<uint32_t> source_uids, dest_uids;
};
/// nullopt when `resp_text` has no such code or it is malformed.
std::optional<AppendUid> ParseAppendUid(std::string_view resp_text, size_t max_ids = 100000);
std::optional<CopyUid> ParseCopyUid(std::string_view resp_text, size_t max_ids = 100000);
/// COPYUID from the tagged text or, failing that, any untagged OK among `untagged` (UID MOVE).
std::optional<CopyUid> FindCopyUid(const std::vector<ImapResponse>& untagged, std::string_view tagged_text,
                                   size_t max_ids = 100000);

}  // namespace mail_mcp
