// AES-GCM authenticated encryption (NIST SP 800-38D) on mbedTLS.
//
// The JWE layer uses it with a 256-bit key, a 96-bit IV and a 128-bit tag; other key sizes are
// accepted so the NIST/McGrew-Viega known-answer vectors can be checked too.
// Thread-safety: pure functions (each call has its own mbedTLS context).
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace mail_mcp {

struct AesGcmSealed {
  std::string ciphertext;
  std::string tag;  // 16 bytes
};

StatusOr<AesGcmSealed> AesGcmEncrypt(std::string_view key, std::string_view iv, std::string_view aad,
                                     std::string_view plaintext);
/// Fails with kUnauthenticated when the tag does not verify; no plaintext is released then.
StatusOr<std::string> AesGcmDecrypt(std::string_view key, std::string_view iv, std::string_view aad,
                                    std::string_view ciphertext, std::string_view tag);

}  // namespace mail_mcp
