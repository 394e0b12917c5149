#include "idp/id_token.h"

#include "crypto/base64.h"
#include "util/json_parse.h"

namespace mail_mcp {
namespace {

/// Clock difference tolerated between the provider and us.
constexpr int64_t kClockSkew = 300;
constexpr size_t kMaxIdTokenBytes = 16 * 1024;

std::string StringClaim(const picojson::object& o, const char* name) {
  auto it = o.find(name);
  return it != o.end() && it->second.is<std::string>() ? it->second.get<std::string>() : "";
}

bool AudienceIncludes(const picojson::object& o, const std::string& client_id) {
  auto it = o.find("aud");
  if (it == o.end()) return false;
  if (it->second.is<std::string>()) return it->second.get<std::string>() == client_id;
  if (!it->second.is<picojson::array>()) return false;
  for (const picojson::value& v : it->second.get<picojson::array>())
    if (v.is<std::string>() && v.get<std::string>() == client_id) return true;
  return false;
}

bool HasControlCharacter(std::string_view s) {
  for (char ch : s)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) return true;
  return false;
}

}  // namespace

bool LooksLikeMailAddress(std::string_view s) {
  const size_t at = s.rfind('@');
  if (s.size() > 254 || at == std::string_view::npos || at == 0 || at + 1 == s.size()) return false;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') return false;
  }
  return true;
}

StatusOr<IdTokenClaims> ReadIdToken(std::string_view jwt, const IdpProvider& provider, int64_t now) {
  if (jwt.size() > kMaxIdTokenBytes) return Status::InvalidArgument("the ID token is too large");
  const size_t dot1 = jwt.find('.');
  const size_t dot2 = dot1 == std::string_view::npos ? dot1 : jwt.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || jwt.find('.', dot2 + 1) != std::string_view::npos)
    return Status::InvalidArgument("the ID token is not a JWT");
  /// Some encoders pad base64url; RFC 7515 says not to, and our decoder is strict.
  std::string_view payload = jwt.substr(dot1 + 1, dot2 - dot1 - 1);
  while (!payload.empty() && payload.back() == '=') payload.remove_suffix(1);
  auto json = Base64UrlDecode(payload);
  if (!json) return Status::InvalidArgument("the ID token's payload is not base64url");
  auto claims = ParseJsonObject(*json);
  if (!claims.ok()) return Status::InvalidArgument("the ID token's payload is not a JSON object");
  const picojson::object& c = *claims;

  if (!AudienceIncludes(c, provider.credentials.client_id))
    return Status::InvalidArgument("the ID token was issued to another application (aud)");
  if (std::string azp = StringClaim(c, "azp"); !azp.empty() && azp != provider.credentials.client_id)
    return Status::InvalidArgument("the ID token was issued to another application (azp)");
  if (!IssuerMatches(provider, StringClaim(c, "iss"), StringClaim(c, "tid")))
    return Status::InvalidArgument("the ID token was issued by another provider (iss)");
  auto exp = c.find("exp");
  if (exp == c.end() || !exp->second.is<int64_t>() || exp->second.get<int64_t>() + kClockSkew < now)
    return Status::InvalidArgument("the ID token has expired");

  IdTokenClaims out;
  /// The name becomes the display name of outgoing mail: refused rather than trusted with a line break,
  /// a NUL or any other control character.
  if (std::string name = StringClaim(c, "name"); name.size() <= 256 && !HasControlCharacter(name)) out.name = name;
  auto verified = c.find("email_verified");
  const bool unverified = verified != c.end() && verified->second.is<bool>() && !verified->second.get<bool>();
  if (std::string email = StringClaim(c, "email"); !unverified && LooksLikeMailAddress(email)) {
    out.email = email;
  } else if (std::string upn = StringClaim(c, "preferred_username"); LooksLikeMailAddress(upn)) {
    out.email = upn;
  }
  return out;
}

}  // namespace mail_mcp
