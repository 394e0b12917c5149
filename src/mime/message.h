// RFC 5322 / MIME message parsing into a tree of parts numbered as IMAP numbers them.
//
// ParseMimeMessage splits a raw message into header fields and body, and recursively splits
// multipart/* bodies at their boundaries and message/rfc822 bodies into an embedded message. It is
// built for hostile input: a missing or wrong boundary, a message cut off mid-part (whatever is
// open is closed), LF-only line endings, a preamble or epilogue, a header block with no blank line
// after it; nesting deeper than kMaxMimeDepth or more than kMaxMimeParts parts stop being split
// (the rest stays as raw body). Work is linear in the input size times the nesting depth.
//
// Numbering follows RFC 3501 §6.4.5: the children of a multipart are "1", "2", ... under their
// parent's number; a non-multipart message's body is "1". A message/rfc822 part "2" has one child,
// the embedded message: its parts are "2.1", "2.2", ... (or just "2.1" when it is a single part).
// That embedded root, when it is a multipart, has no number of its own in IMAP and carries "2" like
// its container; the top-level multipart carries "".
//
// Thread-safety: pure functions; a MimePart is a plain value.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mime/transfer_encoding.h"
#include "util/status.h"

namespace mail_mcp {

constexpr int kMaxMimeDepth = 32;
constexpr size_t kMaxMimeParts = 1000;
constexpr size_t kMaxMimeMessageBytes = 64u << 20;
constexpr size_t kMaxHeaderFields = 1000;

struct MimePart {
  std::string part_id;  // IMAP section number: "1", "1.2", ... ("" for a top-level multipart)
  std::vector<std::pair<std::string, std::string>> headers;  // raw, unfolded, in order
  std::string content_type;                        // lower-case "type/subtype"; "text/plain" when absent or invalid
  std::map<std::string, std::string> type_params;  // Content-Type parameters (decoded)
  std::string disposition;                         // lower-case "inline"/"attachment"/"" (absent)
  std::string filename;                            // UTF-8: disposition filename, else Content-Type name
  std::string content_id;                          // without the angle brackets
  std::string transfer_encoding;                   // lower-case; "" when absent
  std::string body;                                // raw, still transfer-encoded; empty for a multipart (see children)
  std::vector<MimePart> children;
};

/// Parses `raw`; fails only when it exceeds kMaxMimeMessageBytes.
StatusOr<MimePart> ParseMimeMessage(std::string_view raw);

/// A text part's body as the reader sees it, as UTF-8 with LF line breaks: transfer-decoded
/// (`transfer_encoding`), converted from the `charset` parameter (a missing one means us-ascii,
/// see mime/charset.h) and, for text/plain with format=flowed, unwrapped (mime/format_flowed.h,
/// honouring delsp). `params` are the decoded Content-Type parameters; `content_type` is
/// "type/subtype" in lower case.
std::string DecodeBodyText(std::string_view raw, std::string_view transfer_encoding,
                           const std::map<std::string, std::string>& params, std::string_view content_type);

/// DecodeBodyText of a leaf part of a parsed message.
std::string PartText(const MimePart& part);

/// The first value of header `name` (case-insensitive), or nullptr.
const std::string* FindHeader(const MimePart& part, std::string_view name);
/// The first value of header `name`, or "" when absent.
std::string GetHeader(const MimePart& part, std::string_view name);
/// Every value of header `name`, in order.
std::vector<std::string> GetHeaders(const MimePart& part, std::string_view name);

/// The part numbered `part_id` in a pre-order walk of `root` (so "2" finds a message/rfc822
/// container before its embedded root), or nullptr.
const MimePart* FindPart(const MimePart& root, std::string_view part_id);

}  // namespace mail_mcp
