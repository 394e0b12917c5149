// A user's mail servers and credentials: what every IMAP/SMTP operation is performed with.
//
// MailServers is fixed when a client is provisioned (`mail_mcp generate`); MailAccount adds what the
// user typed on the login form, or, for a client that signs in with the mail provider's OAuth (Google,
// Microsoft, …), the address and access token the provider gave. Both travel inside encrypted tokens
// (src/oauth/tokens.h) and are decrypted per request: the server stores neither.
//
// Thread-safety: plain values.
#pragma once

#include <atomic>
#include <string>

#include "util/memory_budget.h"

namespace mail_mcp {

struct MailServers {
  std::string imap_host;
  int imap_port = 993;
  bool imap_ssl = true;  // implicit TLS; false means STARTTLS, which is then mandatory
  std::string smtp_host;
  int smtp_port = 587;
  bool smtp_ssl = false;  // implicit TLS (port 465); false means STARTTLS, mandatory
};

struct MailAccount {
  MailServers servers;
  std::string imap_username, imap_password;
  std::string smtp_username, smtp_password;
  std::string email, full_name;  // the From: identity for outgoing mail
  /// The provider's OAuth access token for an account that signs in with its provider: IMAP and SMTP
  /// then log in with SASL OAUTHBEARER or XOAUTH2 as imap_username/smtp_username with this token, and
  /// the passwords are empty. Empty for password accounts.
  std::string bearer_token;

  bool UsesBearerToken() const { return !bearer_token.empty(); }
};

/// How to reach the servers: CA bundle and timeouts. The server fills it from its configuration
/// (SSL_CERT_FILE, MAIL_CONNECT_TIMEOUT_MS, MAIL_COMMAND_TIMEOUT_MS), where the defaults live.
struct MailConnectOptions {
  std::string ca_file;
  long connect_timeout_ms = 0;
  long command_timeout_ms = 0;
  /// The process-wide budget for buffered server responses (UPSTREAM_MEMORY_BUDGET_MB); null: none.
  /// Not owned; outlives every session.
  MemoryBudget* memory_budget = nullptr;
  /// When set, every connection whose server refuses its bearer token sets it: the HTTP layer gives
  /// each MCP request its own flag and answers a tool call that failed that way with 401, so the
  /// client refreshes (and the refresh renews the provider's token, or ends in a new sign-in).
  std::atomic<bool>* bearer_refused = nullptr;
};

}  // namespace mail_mcp
