// Whether a string is a bare media type, "type/subtype" (RFC 2045 §5.1 tokens, no parameters).
//
// Outgoing attachments (the MIME composer) and attachment downloads (the stores) both take a
// content type from outside and must not let it smuggle parameters or header syntax onward.
// Thread-safety: pure function.
#pragma once

#include <string_view>

namespace mail_mcp {

/// True for "type/subtype" where each side is 1 to 127 RFC 2045 token characters.
bool IsMediaType(std::string_view content_type);

}  // namespace mail_mcp
