// `mail_mcp generate`: provisions an OAuth client for one pair of mail servers.
//
// The output is a client_id (a JWE sealing the IMAP/SMTP settings, the client secret, the
// redirect allowlist, the scope ceiling and the display name) and the client secret itself. Nothing is stored: the
// client_id *is* the registration, so provisioning works offline and the server needs no database.
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
  bool help = false;
};

/// Parses the arguments after "generate". Errors are usage errors (exit status 2).
StatusOr<GenerateOptions> ParseGenerateArgs(const std::vector<std::string>& args);
std::string GenerateUsage();
/// The text printed for a provisioned client.
std::string FormatGeneratedClient(const std::string& client_id, const std::string& client_secret,
                                  const GenerateOptions& options);
/// Runs the whole command; returns the process exit status.
int RunGenerateCommand(const std::vector<std::string>& args);

}  // namespace mail_mcp
