// `mail_mcp generate`: provisions an OAuth client for one pair of mail servers.
//
// The output is a client_id (a JWE sealing the IMAP/SMTP settings, the client secret, the
// redirect allowlist, the scope ceiling, the display name and how users sign in) and the client
// secret itself. Nothing is stored: the client_id *is* the registration, so the server needs no
// database.
//
// Users sign in with their mailbox password, or, for `--provider=google|microsoft` (which also fill in
// the provider's servers) and the generic `--oauth-issuer` / `--oauth-authorize-url` forms, with the
// mail provider's own OAuth (src/idp/). Provisioning is offline except for `--oauth-issuer` without
// explicit endpoints, which reads the provider's discovery document.
//
// Thread-safety: single-threaded command-line code.
#pragma once

#include <string>
#include <vector>

#include "oauth/tokens.h"
#include "util/status.h"

namespace mail_mcp {

struct GenerateOptions {
  MailServers servers;
  std::vector<std::string> redirect_uris;
  ScopeSet scopes;   // the ceiling; all scopes unless --scopes
  std::string name;  // --name; empty when not given
  /// How users sign in: kind kNone is a password; a generic provider with only `issuer` set still needs
  /// discovery (NeedsDiscovery).
  IdpRegistration idp;
  std::string oauth_client_auth;  // --oauth-client-auth as given ("basic", "post" or ""): overrides discovery
  bool help = false;

  bool NeedsDiscovery() const { return idp.kind == IdpKind::kGeneric && idp.token_endpoint.empty(); }
};

/// Parses the arguments after "generate". Errors are usage errors (exit status 2).
StatusOr<GenerateOptions> ParseGenerateArgs(const std::vector<std::string>& args);
std::string GenerateUsage();
/// The text printed for a provisioned client; `callback` is BASE_URL/oauth/upstream/callback, shown
/// for clients that sign in with a provider (the redirect URI to register there).
std::string FormatGeneratedClient(const std::string& client_id, const std::string& client_secret,
                                  const GenerateOptions& options, const std::string& callback = "");
/// Runs the whole command; returns the process exit status.
int RunGenerateCommand(const std::vector<std::string>& args);

}  // namespace mail_mcp
