// The Content-Disposition header value for downloading an attachment under its own filename.
//
// RFC 6266: `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded UTF-8>`.
// Both the embedded store's responses and S3's response-content-disposition use it. The fallback
// keeps printable ASCII (quotes and backslashes replaced) so no filename can break the header.
//
// Thread-safety: pure function.
#pragma once

#include <string>

namespace mail_mcp {

/// `filename` is UTF-8 and may be empty (then the header carries no filename).
std::string AttachmentDisposition(const std::string& filename);

/// `content_type` if it is a bare media type (IsMediaType), else application/octet-stream: a
/// stored type must never smuggle parameters or header syntax into a response.
std::string SafeContentType(const std::string& content_type);

}  // namespace mail_mcp
