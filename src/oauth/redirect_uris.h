// Which redirect URIs a provisioned client may use (RFC 6749 §3.1.2, RFC 8252 §7.3).
//
// A client's allowlist is fixed by `mail_mcp generate --redirect-uri=…` and sealed in its client_id.
// Entries are matched exactly, except loopback `http` entries (127.0.0.1, localhost, [::1]): native
// apps and local tools listen on a port chosen at run time, so for those the port is ignored, and an
// entry without a path allows any path.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace mail_mcp {

/// Claude's callbacks plus the three loopback hosts on any port.
std::vector<std::string> DefaultRedirectUris();
/// An entry must be an absolute https URL, or http on a loopback host; no fragment.
Status ValidateRedirectUriEntry(std::string_view entry);
bool IsRedirectUriAllowed(const std::vector<std::string>& allowlist, std::string_view redirect_uri);
/// Where the person lands after signing in, as the consent page names it: the redirect URI's host
/// ("claude.ai"), or "" for a loopback one (an app on this computer) or an unparsable one.
std::string ReturnHost(std::string_view redirect_uri);

}  // namespace mail_mcp
