// SHA-256 and HMAC-SHA-256 (FIPS 180-4, RFC 2104) on mbedTLS.
//
// Used by PKCE S256, the SigV4 signer and the embedded attachment store's link signatures.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

/// The 32-byte raw digest.
std::string Sha256(std::string_view data);
/// The 32-byte raw MAC.
std::string HmacSha256(std::string_view key, std::string_view data);

}  // namespace mail_mcp
