// Token opening (src/crypto/jwe.h, src/oauth/tokens.h): every client_id, code, access and refresh
// token the server is handed is a compact JWE it must open or refuse, never crash on.
//
// An input that starts with '{' is a claims text, sealed here with the harness key and then opened
// as each kind of token (the fuzzer cannot forge AES-GCM, so this is how it reaches the claim
// parsing behind the seal). Any other input is a compact token, opened as each kind. An access or
// refresh token that opens must survive a round trip: issued again from what was read, it opens
// to the same account. Seeds: tests/fuzz/corpus/token (tokens of each kind sealed with the harness
// key by `scripts/fuzz seeds`, and their claims).
#include <string>

#include "crypto/jwe.h"
#include "fuzz_support.h"
#include "oauth/tokens.h"
#include "tools/mail_scopes.h"

using namespace mail_mcp;

namespace {

bool SameAccount(const MailAccount& a, const MailAccount& b) {
  return a.servers.imap_host == b.servers.imap_host && a.servers.imap_port == b.servers.imap_port &&
         a.servers.imap_ssl == b.servers.imap_ssl && a.servers.smtp_host == b.servers.smtp_host &&
         a.servers.smtp_port == b.servers.smtp_port && a.servers.smtp_ssl == b.servers.smtp_ssl &&
         a.imap_username == b.imap_username && a.imap_password == b.imap_password &&
         a.smtp_username == b.smtp_username && a.smtp_password == b.smtp_password && a.email == b.email &&
         a.full_name == b.full_name;
}

void OpenAsEveryKind(const TokenService& tokens, std::string_view token) {
  (void)tokens.OpenClientId(token);
  (void)tokens.OpenCode(token);
  for (bool refresh : {false, true}) {
    auto session = refresh ? tokens.OpenRefreshToken(token) : tokens.OpenAccessToken(token);
    if (!session.ok()) continue;
    auto again = refresh ? tokens.IssueRefreshToken(session->account, session->client_fingerprint, session->scopes)
                         : tokens.IssueAccessToken(session->account, session->client_fingerprint, session->scopes);
    FUZZ_CHECK(again.ok(), "an opened token's account cannot be sealed again");
    auto reopened = refresh ? tokens.OpenRefreshToken(*again) : tokens.OpenAccessToken(*again);
    FUZZ_CHECK(reopened.ok() && SameAccount(reopened->account, session->account) && reopened->scopes == session->scopes,
               "a token does not round-trip");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const JweCodec jwe(fuzz::kKey);
  static const TokenService tokens(
      fuzz::kKey, fuzz::kBaseUrl, [] { return fuzz::kNow; }, AllMailScopes());
  std::string_view input = fuzz::AsView(data, size);
  if (!input.empty() && input[0] == '{') {
    auto sealed = jwe.Encrypt(input);
    FUZZ_CHECK(sealed.ok(), "sealing failed");
    OpenAsEveryKind(tokens, *sealed);
  } else {
    (void)jwe.Decrypt(input);
    OpenAsEveryKind(tokens, input);
  }
  return 0;
}
