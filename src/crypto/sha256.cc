#include "crypto/sha256.h"

#include <mbedtls/md.h>
#include <mbedtls/sha256.h>

namespace mail_mcp {

std::string Sha256(std::string_view data) {
  std::string out(32, '\0');
  mbedtls_sha256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                 reinterpret_cast<unsigned char*>(out.data()), /*is224=*/0);
  return out;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  std::string out(32, '\0');
  mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), reinterpret_cast<const unsigned char*>(key.data()),
                  key.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                  reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string DeriveKey(std::string_view master_key, std::string_view purpose) {
  return HmacSha256(master_key, std::string("mail_mcp key derivation\n") + std::string(purpose));
}

}  // namespace mail_mcp
