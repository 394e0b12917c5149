// JWE compact serialization with "alg":"dir" and "enc":"A256GCM" (RFC 7516, RFC 7518 §4.5/§5.3).
//
// Every token mail_mcp hands out (client ids, codes, access and refresh tokens) is one of these:
// the server keeps no database, so a token carries its own state, sealed with ENCRYPTION_KEY.
// Layout: BASE64URL(header) "." "" "." BASE64URL(iv) "." BASE64URL(ciphertext) "." BASE64URL(tag),
// with the header {"alg":"dir","enc":"A256GCM"}, a random 96-bit IV, and the encoded header as AAD.
//
// Thread-safety: a JweCodec is immutable after construction; share it between threads freely.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace mail_mcp {

class JweCodec {
 public:
  /// Tokens longer than this are refused before any decoding work (untrusted input).
  static constexpr size_t kMaxTokenSize = 16 * 1024;

  /// `key` must be exactly 32 bytes.
  explicit JweCodec(std::string key);

  StatusOr<std::string> Encrypt(std::string_view plaintext) const;
  /// kInvalidArgument for a malformed token, kUnauthenticated when it was not sealed with our key.
  StatusOr<std::string> Decrypt(std::string_view token) const;

 private:
  std::string key_;
};

}  // namespace mail_mcp
