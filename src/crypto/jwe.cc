#include "crypto/jwe.h"

#include <vector>

#include "crypto/aes_gcm.h"
#include "crypto/base64.h"
#include "crypto/random.h"
#include "util/json_parse.h"

namespace mail_mcp {
namespace {

// The header we emit; its encoded form is also the AAD.
constexpr char kHeaderJson[] = R"({"alg":"dir","enc":"A256GCM"})";

std::vector<std::string_view> SplitDots(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t dot = s.find('.', start);
    if (dot == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, dot - start));
    start = dot + 1;
  }
}

/// Accepts any header that says dir + A256GCM (so tokens made by other JOSE libraries decode) but
/// nothing else: no "zip", no critical extensions we do not understand.
Status CheckHeader(std::string_view encoded) {
  auto json = Base64UrlDecode(encoded);
  if (!json) return Status::InvalidArgument("token header is not base64url");
  // Read before anything is verified: anyone can send any header, so the parse must not throw.
  auto v = ParseJson(*json);
  if (!v.ok() || !v->is<picojson::object>()) return Status::InvalidArgument("token header is not a JSON object");
  const auto& h = v->get<picojson::object>();
  auto str = [&](const char* k) -> std::string {
    auto it = h.find(k);
    return it != h.end() && it->second.is<std::string>() ? it->second.get<std::string>() : "";
  };
  if (str("alg") != "dir" || str("enc") != "A256GCM")
    return Status::InvalidArgument("token algorithm is not dir/A256GCM");
  if (h.count("zip") || h.count("crit")) return Status::InvalidArgument("token header has unsupported fields");
  return Status::OK();
}

}  // namespace

JweCodec::JweCodec(std::string key) : key_(std::move(key)) {}

StatusOr<std::string> JweCodec::Encrypt(std::string_view plaintext) const {
  std::string header = Base64UrlEncode(kHeaderJson);
  std::string iv(12, '\0');
  if (Status s = RandomBytes(iv.data(), iv.size()); !s.ok()) return s;
  auto sealed = AesGcmEncrypt(key_, iv, header, plaintext);
  if (!sealed.ok()) return sealed.status();
  return header + ".." + Base64UrlEncode(iv) + "." + Base64UrlEncode(sealed->ciphertext) + "." +
         Base64UrlEncode(sealed->tag);
}

StatusOr<std::string> JweCodec::Decrypt(std::string_view token) const {
  if (token.size() > kMaxTokenSize) return Status::InvalidArgument("token is too long");
  auto parts = SplitDots(token);
  if (parts.size() != 5) return Status::InvalidArgument("token is not a 5-part JWE");
  if (!parts[1].empty()) return Status::InvalidArgument("token has an encrypted key (alg must be dir)");
  if (Status s = CheckHeader(parts[0]); !s.ok()) return s;
  auto iv = Base64UrlDecode(parts[2]);
  auto ciphertext = Base64UrlDecode(parts[3]);
  auto tag = Base64UrlDecode(parts[4]);
  if (!iv || !ciphertext || !tag) return Status::InvalidArgument("token part is not base64url");
  if (iv->size() != 12 || tag->size() != 16) return Status::InvalidArgument("token IV or tag has the wrong size");
  auto plain = AesGcmDecrypt(key_, *iv, parts[0], *ciphertext, *tag);
  if (!plain.ok()) return Status::Unauthenticated("token could not be decrypted");
  return plain;
}

}  // namespace mail_mcp
