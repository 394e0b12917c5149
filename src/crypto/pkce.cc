#include "crypto/pkce.h"

#include "crypto/base64.h"
#include "crypto/constant_time.h"
#include "crypto/sha256.h"

namespace mail_mcp {
namespace {

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

}  // namespace

bool IsValidCodeVerifier(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  for (char c : verifier)
    if (!IsUnreserved(c)) return false;
  return true;
}

bool IsValidS256Challenge(std::string_view challenge) {
  return challenge.size() == 43 && Base64UrlDecode(challenge).has_value();
}

std::string S256Challenge(std::string_view verifier) { return Base64UrlEncode(Sha256(verifier)); }

bool VerifyS256(std::string_view verifier, std::string_view challenge) {
  if (!IsValidCodeVerifier(verifier)) return false;
  return ConstantTimeEquals(S256Challenge(verifier), challenge);
}

}  // namespace mail_mcp
