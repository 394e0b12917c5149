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
/// A 32-byte key for one purpose, derived from a master key, so that a key used to sign one kind
/// of thing (e.g. attachment links) can never be used for another (HMAC as a PRF, like HKDF-Expand).
std::string DeriveKey(std::string_view master_key, std::string_view purpose);

}  // namespace mail_mcp
