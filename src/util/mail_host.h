// Validation of the mail server host names that end up in client_ids and libcurl URLs.
// Thread-safety: pure function.
#pragma once

#include <string_view>

namespace mail_mcp {

/// A DNS name (letters, digits, '-', '.', at most 253 chars), an IPv4 address, or an IPv6 literal in
/// brackets. Anything else (spaces, '/', '@', CR/LF, '%') is refused: the host is spliced into URLs.
bool IsValidMailHost(std::string_view host);

}  // namespace mail_mcp
