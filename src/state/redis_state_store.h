// The shared state store: a Redis 7 or Valkey server (STATE_URL) that every replica uses, so that
// codes are single use, failed logins add up and revocations hold across all of them.
//
// Keys: `mail_mcp:<BASE_URL>:code:<id>`, `...:grant:<id>` and `...:login:<hash>`, so that several
// deployments can share one database. Values are "1", a generation number, "revoked" or a count;
// a login-failure key is an HMAC of the caller's key (derived from ENCRYPTION_KEY), so the
// database holds no client address or user name either. Every key expires with what it guards.
// Each operation is atomic on the server: SET NX PX (codes), MULTI/INCR/PEXPIRE NX/EXEC (failure
// windows), one Lua script (refresh rotation: compare the generation, move on or revoke), SET PX
// (revocation).
//
// Revocation checks (IsGrantRevoked, on every MCP call) are cached in memory: a grant found
// revoked stays so, and one found live is asked again after kRevocationCacheSeconds. That is how
// long a revoked access token can still work on another replica; on the replica that revoked it,
// not at all.
//
// When the server cannot be reached: the operation fails at once with Unavailable (callers fail
// closed), the store counts as down, and a background thread tries to reconnect every second; no
// request waits on a down store. IsGrantRevoked answers from its cache meanwhile (unknown grants
// count as live). Going down, staying down (at most once a minute) and coming back are logged.
//
// Thread-safety: all methods are safe to call concurrently (a pool of connections, one per
// concurrent operation; at most kMaxIdleConnections are kept open between operations).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "state/redis_connection.h"
#include "state/state_store.h"

namespace mail_mcp {

class RedisStateStore : public StateStore {
 public:
  static constexpr int64_t kRevocationCacheSeconds = 5;
  static constexpr size_t kMaxIdleConnections = 8;
  static constexpr size_t kMaxCachedGrants = 100'000;

  /// `issuer` namespaces the keys; `key_secret` (ENCRYPTION_KEY) keys the failure-key HMAC;
  /// `clock` returns Unix seconds. Nothing is sent until Start.
  RedisStateStore(RedisOptions options, const std::string& issuer, const std::string& key_secret,
                  std::function<int64_t()> clock);
  ~RedisStateStore() override;

  /// Connects once (a refused password or database is an error: a configuration mistake; an
  /// unreachable server is not, the store starts down and keeps trying) and starts the reconnect
  /// thread.
  Status Start();

  StatusOr<bool> UseCode(const std::string& id, int64_t expires_at) override;
  StatusOr<FailureWindow> LoginFailures(const std::string& key) override;
  StatusOr<FailureWindow> AddLoginFailure(const std::string& key, int64_t window_seconds) override;
  StatusOr<RefreshUse> UseRefreshToken(const std::string& grant, int64_t generation, int64_t expires_at) override;
  Status RevokeGrant(const std::string& grant, int64_t expires_at) override;
  bool IsGrantRevoked(const std::string& grant) override;
  StoreHealth Health() override;
  const char* kind() const override { return "redis"; }

 private:
  struct CachedGrant {
    bool revoked = false;
    std::chrono::steady_clock::time_point checked;
  };

  /// A new connection that answered PING; Unauthenticated when the server wants credentials.
  StatusOr<std::unique_ptr<RedisConnection>> Connect();
  /// Runs `commands` on a pooled connection; Unavailable (and the store marked down) when the
  /// server cannot be reached, or refuses a command (an error reply).
  StatusOr<std::vector<RespValue>> Run(const std::vector<RedisCommand>& commands);
  void MarkDown(const std::string& why);
  void Log(const std::string& line);
  void ReconnectLoop();
  /// Milliseconds from now until `expires_at`, at least 1000.
  int64_t MillisecondsUntil(int64_t expires_at) const;
  void Cache(const std::string& grant, bool revoked);

  std::string Key(const char* kind, const std::string& id) const { return prefix_ + kind + ":" + id; }

  RedisOptions options_;
  std::string prefix_;
  std::string failure_key_;  // HMAC key for login-failure keys
  std::function<int64_t()> clock_;

  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<RedisConnection>> idle_;

  std::atomic<bool> down_{false};
  std::mutex health_mutex_;  // guards down_detail_, down_since_, last_log_, stopping_
  std::string down_detail_;
  int64_t down_since_ = 0;
  std::chrono::steady_clock::time_point last_log_{};
  bool stopping_ = false;
  std::condition_variable wake_;

  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedGrant> cache_;

  std::thread reconnect_;  // last: started by Start, after everything it uses
};

}  // namespace mail_mcp
