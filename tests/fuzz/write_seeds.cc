// Writes the seeds that must be made with the harnesses' keys (fuzz_support.h): tokens of every
// kind, OAuth requests that carry them, and signed attachment links. Run by `scripts/fuzz seeds`;
// the output is checked in under tests/fuzz/corpus/, so CI never needs this program.
//
// Usage: write_seeds CORPUS_DIR
#include <cstdio>
#include <fstream>
#include <string>

#include "crypto/base64.h"
#include "crypto/jwe.h"
#include "crypto/pkce.h"
#include "fuzz_support.h"
#include "oauth/tokens.h"
#include "store/file_object_store.h"
#include "store/s3_object_store.h"
#include "tools/mail_scopes.h"
#include "util/url_encoding.h"

using namespace mail_mcp;

namespace {

std::string dir;

void Write(const std::string& target, const std::string& name, const std::string& bytes) {
  std::ofstream(dir + "/" + target + "/" + name, std::ios::binary) << bytes;
}

template <typename T>
T OrDie(StatusOr<T> v) {
  if (!v.ok()) {
    std::fprintf(stderr, "write_seeds: %s\n", v.status().message().c_str());
    std::exit(1);
  }
  return std::move(v).value();
}

std::string Form(const std::vector<std::pair<std::string, std::string>>& params) { return EncodeParams(params); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return std::fprintf(stderr, "usage: write_seeds CORPUS_DIR\n"), 2;
  dir = argv[1];
  const TokenService tokens(
      fuzz::kKey, fuzz::kBaseUrl, [] { return fuzz::kNow; }, AllMailScopes());
  const JweCodec jwe(fuzz::kKey);

  ClientRegistration client;
  client.servers = {"imap.example.com", 993, true, "smtp.example.com", 587, false};
  client.client_secret = "s3cr3t-client-secret";
  client.redirect_uris = {"https://claude.ai/api/mcp/auth_callback", "http://127.0.0.1:6274/cb?x=1"};
  client.scopes = ScopeSet{kScopeRead, kScopeDraft};
  client.name = "Fuzz \"client\"";
  const std::string client_id = OrDie(tokens.IssueClientId(client));

  MailAccount account;
  account.servers = client.servers;
  account.imap_username = account.smtp_username = account.email = "alice@example.com";
  account.imap_password = account.smtp_password = "pä$$\"word";
  account.full_name = "Alice Ünïcode";
  const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  AuthorizationGrant grant{.account = account,
                           .code_challenge = S256Challenge(verifier),
                           .redirect_uri = client.redirect_uris[0],
                           .client_fingerprint = ClientFingerprint(client_id),
                           .scopes = ScopeSet{kScopeRead}};
  const std::string code = OrDie(tokens.IssueCode(grant));
  const std::string access = OrDie(tokens.IssueAccessToken(account, ClientFingerprint(client_id), grant.scopes));
  const std::string refresh = OrDie(tokens.IssueRefreshToken(account, ClientFingerprint(client_id), client.scopes));

  for (const auto& [name, token] : {std::pair{"client_id", client_id}, std::pair{"code", code},
                                    std::pair{"access", access}, std::pair{"refresh", refresh}}) {
    Write("token", std::string("generated-") + name, token);
    Write("token", std::string("generated-") + name + "-claims", OrDie(jwe.Decrypt(token)));
  }

  const std::vector<std::pair<std::string, std::string>> authorize = {{"response_type", "code"},
                                                                      {"client_id", client_id},
                                                                      {"redirect_uri", client.redirect_uris[0]},
                                                                      {"state", "st-1"},
                                                                      {"code_challenge", grant.code_challenge},
                                                                      {"code_challenge_method", "S256"},
                                                                      {"resource", fuzz::kResource},
                                                                      {"scope", "mail:read mail:send"}};
  Write("oauth_form", "generated-authorize", "\n" + Form(authorize));
  auto bad_method = authorize;
  bad_method[5].second = "plain";
  Write("oauth_form", "generated-authorize-error-redirect", "\n" + Form(bad_method));
  Write("oauth_form", "generated-code-post",
        "\n" + Form({{"grant_type", "authorization_code"},
                     {"code", code},
                     {"redirect_uri", client.redirect_uris[0]},
                     {"code_verifier", verifier},
                     {"client_id", client_id},
                     {"client_secret", client.client_secret},
                     {"resource", fuzz::kResource}}));
  Write("oauth_form", "generated-code-basic",
        "Basic " + Base64Encode(PercentEncode(client_id) + ":" + PercentEncode(client.client_secret)) + "\n" +
            Form({{"grant_type", "authorization_code"},
                  {"code", code},
                  {"redirect_uri", client.redirect_uris[0]},
                  {"code_verifier", verifier}}));
  Write("oauth_form", "generated-refresh",
        "\n" + Form({{"grant_type", "refresh_token"},
                     {"refresh_token", refresh},
                     {"client_id", client_id},
                     {"client_secret", client.client_secret}}));

  S3Options local{fuzz::kS3AccessKey, fuzz::kS3Secret, fuzz::kS3Region, fuzz::kS3Bucket, fuzz::kS3Endpoint, true, ""};
  S3Options aws{fuzz::kS3AccessKey, fuzz::kS3Secret, fuzz::kS3Region, fuzz::kS3Bucket, "", false, ""};
  const std::string key = "attachments/" + std::string(64, 'a');
  const ObjectInfo info{"Résumé 2025.pdf", "application/pdf"};
  Write("sigv4_url", "generated-s3-path-style",
        S3ObjectStore(local, S3Timeouts{}).SignedUrl(key, info, fuzz::kNow, 604800));
  Write("sigv4_url", "generated-s3-aws", S3ObjectStore(aws, S3Timeouts{}).SignedUrl(key, info, fuzz::kNow, 3600));
  Write("sigv4_url", "generated-embedded",
        FileObjectStore("/nonexistent/fuzz", fuzz::kBaseUrl, fuzz::kKey).SignedUrl(key, info, fuzz::kNow, 3600));
  return 0;
}
