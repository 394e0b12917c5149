// The mailbox address in a provider's ID token (OpenID Connect Core §2, §3.1.3.7).
//
// The ID token comes straight from the provider's token endpoint over a verified TLS connection, in
// exchange for a code only we could redeem (our client secret and PKCE verifier), so its signature
// is not checked: OIDC Core §3.1.3.7 lets TLS server validation stand in for it in this flow. Its
// claims are still checked: issued to our app (aud, and azp when present), by the expected issuer,
// not expired. The address is `email` (unless the provider says it is unverified), else
// `preferred_username` when it looks like an address (Microsoft's UPN). The live IMAP login that
// follows proves the address and the token belong together.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "idp/idp_provider.h"
#include "util/status.h"

namespace mail_mcp {

struct IdTokenClaims {
  std::string email;  // the mailbox address; "" when the token names none
  std::string name;   // display name, "" when absent
};

/// InvalidArgument for a token that is not a JWT with a JSON payload or fails a check (the message
/// says which, without echoing the token).
StatusOr<IdTokenClaims> ReadIdToken(std::string_view jwt, const IdpProvider& provider, int64_t now);

/// Whether `s` looks like a mailbox address: one '@' with text on both sides, no spaces or control bytes,
/// at most 254 bytes.
bool LooksLikeMailAddress(std::string_view s);

}  // namespace mail_mcp
