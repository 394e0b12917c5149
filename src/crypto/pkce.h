// PKCE with the S256 method (RFC 7636).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace mail_mcp {

/// True when `verifier` is 43..128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1).
bool IsValidCodeVerifier(std::string_view verifier);
/// True when `challenge` has the shape of an S256 challenge: 43 base64url characters.
bool IsValidS256Challenge(std::string_view challenge);
/// BASE64URL(SHA256(ASCII(verifier))).
std::string S256Challenge(std::string_view verifier);
/// Validates the verifier's grammar, then compares the challenge in constant time.
bool VerifyS256(std::string_view verifier, std::string_view challenge);

}  // namespace mail_mcp
