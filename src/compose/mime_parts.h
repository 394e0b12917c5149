// The MIME entities of an outgoing message: text parts, attachments, multipart containers.
//
// Each entity is its header fields plus its encoded body. Text goes out as UTF-8, 7bit when it is
// short-lined ASCII and quoted-printable otherwise; attachments always as base64, with the file
// name given every way clients look for it: Content-Type "name" (RFC 2047 words inside the quotes
// for non-ASCII names, the Outlook practice), Content-Disposition "filename" as an ASCII fallback
// and RFC 2231 "filename*" (split into continuations so that lines stay short) for the real name.
// Multipart boundaries are random and checked not to occur in the parts they separate.
//
// Thread-safety: pure functions apart from the CSPRNG used for boundaries (safe from any thread).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

struct MimeEntity {
  std::string headers;  // header fields, each ending in CRLF; no blank line
  std::string body;     // transfer-encoded, CRLF line endings
};

/// Longest attachment file name accepted, in bytes of UTF-8.
constexpr size_t kMaxFilenameBytes = 255;

/// `content_type` lower-cased after checking it is "type/subtype" with RFC 2045 token characters;
/// "" becomes application/octet-stream. multipart/* and message/* are refused (they cannot be
/// base64-encoded, RFC 2045 §6.4).
StatusOr<std::string> NormalizeAttachmentType(std::string_view content_type);

/// A text/`subtype` part (plain or html) of valid UTF-8 `text` in any line-ending convention.
MimeEntity TextEntity(std::string_view subtype, std::string_view text);

/// An attachment; `filename` must have passed CheckHeaderInput, `content_type` NormalizeAttachmentType.
MimeEntity AttachmentEntity(std::string_view filename, std::string_view content_type, std::string_view data);

/// A whole message attached as message/rfc822 (RFC 2046 §5.2.1), sent as it is: 7bit or 8bit,
/// never base64 (which §5.2.1 forbids). A message that cannot travel that way (NUL, bare CR or LF,
/// a line over 998 bytes) goes as base64 application/octet-stream named `filename` instead.
MimeEntity MessageEntity(std::string_view filename, std::string_view message);

/// A multipart/`subtype` entity holding `parts` in order.
MimeEntity MultipartEntity(std::string_view subtype, const std::vector<MimeEntity>& parts);

/// Headers, the blank line, then the body.
std::string SerializeEntity(const MimeEntity& entity);

}  // namespace mail_mcp
