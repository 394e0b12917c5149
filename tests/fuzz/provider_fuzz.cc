// What mail providers send back during and after provider sign-in (src/net/sasl_bearer, src/idp):
// the lines a mail server answers a refused bearer token with (a base64 JSON error challenge, then
// NO/535), and the ID token a provider's token endpoint returns.
//
// The input is both at once: the server transcript, and (the same bytes) an ID token. Promises
// checked: the description of a refusal is printable ASCII and bounded; an address read from an ID
// token looks like an address and a name holds no line break (it becomes a From: display name).
// Seeds: tests/fuzz/corpus/provider (Google's, Dovecot's and Microsoft's refusals; ID tokens).
#include <string>

#include "fuzz_support.h"
#include "idp/id_token.h"
#include "net/sasl_bearer.h"

using namespace mail_mcp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw = fuzz::AsView(data, size);

  const std::string said = DescribeBearerRejection(raw);
  FUZZ_CHECK(said.size() <= 600, "a refusal's description is unbounded");
  for (char c : said) FUZZ_CHECK(c >= 0x20 && c < 0x7f, "a refusal's description is not printable ASCII");
  (void)CheckBearerLogin(raw, raw);

  IdpProvider provider;
  provider.kind = IdpKind::kGeneric;
  provider.issuer = "https://id.example";
  provider.credentials = {"our-app", "secret"};
  auto claims = ReadIdToken(raw, provider, fuzz::kNow);
  if (claims.ok()) {
    FUZZ_CHECK(claims->email.empty() || LooksLikeMailAddress(claims->email), "an address that is not one");
    FUZZ_CHECK(claims->name.find_first_of("\r\n") == std::string::npos, "a name with a line break");
  }
  return 0;
}
