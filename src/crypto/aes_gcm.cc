#include "crypto/aes_gcm.h"

#include <mbedtls/gcm.h>

namespace mail_mcp {
namespace {

const unsigned char* U(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

/// Owns an mbedtls_gcm_context for one call, so every exit path frees it.
class GcmContext {
 public:
  GcmContext() { mbedtls_gcm_init(&ctx_); }
  ~GcmContext() { mbedtls_gcm_free(&ctx_); }
  GcmContext(const GcmContext&) = delete;
  GcmContext& operator=(const GcmContext&) = delete;
  Status SetKey(std::string_view key) {
    if (key.size() != 16 && key.size() != 24 && key.size() != 32)
      return Status::InvalidArgument("AES key must be 16, 24 or 32 bytes");
    if (mbedtls_gcm_setkey(&ctx_, MBEDTLS_CIPHER_ID_AES, U(key), unsigned(key.size() * 8)) != 0)
      return Status::Internal("AES-GCM key setup failed");
    return Status::OK();
  }
  mbedtls_gcm_context* get() { return &ctx_; }

 private:
  mbedtls_gcm_context ctx_;
};

}  // namespace

StatusOr<AesGcmSealed> AesGcmEncrypt(std::string_view key, std::string_view iv, std::string_view aad,
                                     std::string_view plaintext) {
  if (iv.empty()) return Status::InvalidArgument("AES-GCM IV must not be empty");
  GcmContext gcm;
  if (Status s = gcm.SetKey(key); !s.ok()) return s;
  AesGcmSealed out;
  out.ciphertext.resize(plaintext.size());
  out.tag.resize(16);
  int rc = mbedtls_gcm_crypt_and_tag(gcm.get(), MBEDTLS_GCM_ENCRYPT, plaintext.size(), U(iv), iv.size(), U(aad),
                                     aad.size(), U(plaintext), reinterpret_cast<unsigned char*>(out.ciphertext.data()),
                                     out.tag.size(), reinterpret_cast<unsigned char*>(out.tag.data()));
  if (rc != 0) return Status::Internal("AES-GCM encryption failed");
  return out;
}

StatusOr<std::string> AesGcmDecrypt(std::string_view key, std::string_view iv, std::string_view aad,
                                    std::string_view ciphertext, std::string_view tag) {
  if (iv.empty()) return Status::InvalidArgument("AES-GCM IV must not be empty");
  if (tag.size() != 16) return Status::Unauthenticated("AES-GCM tag must be 16 bytes");
  GcmContext gcm;
  if (Status s = gcm.SetKey(key); !s.ok()) return s;
  std::string plain(ciphertext.size(), '\0');
  int rc = mbedtls_gcm_auth_decrypt(gcm.get(), ciphertext.size(), U(iv), iv.size(), U(aad), aad.size(), U(tag),
                                    tag.size(), U(ciphertext), reinterpret_cast<unsigned char*>(plain.data()));
  if (rc == MBEDTLS_ERR_GCM_AUTH_FAILED) return Status::Unauthenticated("AES-GCM tag mismatch");
  if (rc != 0) return Status::Internal("AES-GCM decryption failed");
  return plain;
}

}  // namespace mail_mcp
