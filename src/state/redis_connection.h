// One connection to a Redis (or Valkey) server, speaking RESP2 over the stream net/ gives us.
//
// libcurl does TCP and, for rediss://, TLS with certificates verified against SSL_CERT_FILE (the
// same rules and the same mbedTLS as IMAP: CurlMailHandle's raw stream); we speak the protocol:
// AUTH (ACL user and password, or password only) and SELECT on open, then commands. Every exchange
// sends its commands at once (pipelining) and reads one reply per command within one deadline, so
// a server that stops answering costs at most RedisOptions::timeout_ms. A Redis error reply is a
// value the caller looks at; a Status error means the connection is broken or out of step and
// must be dropped.
//
// Why not hiredis: its TLS needs OpenSSL, which we do not ship; ours reuses the verified stream
// IMAP uses, and RESP is small enough to read with a bounded, fuzzed parser (state/resp.h).
//
// Thread-safety: not thread-safe; one exchange at a time (RedisStateStore keeps a pool).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "net/curl_mail_handle.h"
#include "state/redis_url.h"
#include "state/resp.h"

namespace mail_mcp {

using RedisCommand = std::vector<std::string>;

class RedisConnection {
 public:
  /// Connects, logs in and selects the database. Unavailable when the server cannot be reached or
  /// times out, Unauthenticated when it refuses the credentials (never echoed).
  static StatusOr<std::unique_ptr<RedisConnection>> Open(const RedisOptions& options);

  /// Sends `commands` in one write and returns their replies in order.
  StatusOr<std::vector<RespValue>> Exchange(const std::vector<RedisCommand>& commands);
  /// One command's reply.
  StatusOr<RespValue> Call(const RedisCommand& command);

 private:
  RedisConnection(const RedisOptions& options);
  std::string ServerName() const;

  RedisOptions options_;
  CurlMailHandle handle_;
  RespReader reader_;
};

}  // namespace mail_mcp
