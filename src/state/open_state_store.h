// Chooses and opens the state store at start-up: RedisStateStore when STATE_URL is set, else the
// embedded store under STATE_DIR.
//
// A shared store that cannot be reached at start-up is not fatal (the server starts degraded and
// reconnects, see redis_state_store.h); a refused password or database, or a STATE_DIR that cannot
// be written or is held by another process, is (a configuration mistake).
//
// Thread-safety: call once, at start-up.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "state/redis_url.h"
#include "state/state_store.h"

namespace mail_mcp {

/// `issuer` (BASE_URL) namespaces Redis keys; `key_secret` (ENCRYPTION_KEY) keys the hashes of
/// login-failure keys; `clock` returns Unix seconds.
StatusOr<std::unique_ptr<StateStore>> OpenStateStore(const RedisOptions& redis, const std::string& dir,
                                                     const std::string& issuer, const std::string& key_secret,
                                                     std::function<int64_t()> clock);

}  // namespace mail_mcp
