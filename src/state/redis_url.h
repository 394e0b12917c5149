// STATE_URL: where the shared state lives, `redis://[[user]:password@]host[:port][/db]`, or
// `rediss://` for TLS (certificates verified against SSL_CERT_FILE, as for IMAP and SMTP).
//
// The user name and password are percent-decoded (a password may hold any character); the port
// defaults to 6379 and the database to 0. Nothing else is accepted (no query, no path beyond the
// database number): a value we do not understand stops start-up rather than being half-used.
//
// Thread-safety: pure functions and plain values.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace mail_mcp {

struct RedisOptions {
  bool tls = false;  // rediss://
  std::string host;  // DNS name, IPv4, or IPv6 literal in brackets
  int port = 6379;
  std::string username;  // ACL user (Redis 6+); empty: the default user
  std::string password;  // empty: no AUTH
  int db = 0;            // SELECT
  std::string ca_file;   // SSL_CERT_FILE
  long timeout_ms = 0;   // STATE_TIMEOUT_MS: connect, and each exchange

  bool configured() const { return !host.empty(); }
};

/// Parses `url` into `out` (host, port, credentials, database, tls); InvalidArgument says what is
/// wrong without echoing the password.
Status ParseRedisUrl(std::string_view url, RedisOptions* out);

}  // namespace mail_mcp
