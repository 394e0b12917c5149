#include "state/open_state_store.h"

#include "state/embedded_state_store.h"
#include "state/redis_state_store.h"

namespace mail_mcp {

StatusOr<std::unique_ptr<StateStore>> OpenStateStore(const RedisOptions& redis, const std::string& dir,
                                                     const std::string& issuer, const std::string& key_secret,
                                                     std::function<int64_t()> clock) {
  if (redis.configured()) {
    auto store = std::make_unique<RedisStateStore>(redis, issuer, key_secret, std::move(clock));
    if (Status s = store->Start(); !s.ok()) return Status::Error(s.code(), "STATE_URL: " + s.message());
    return std::unique_ptr<StateStore>(std::move(store));
  }
  auto store = EmbeddedStateStore::Open(dir, std::move(clock));
  if (!store.ok()) return store.status();
  return std::unique_ptr<StateStore>(std::move(*store));
}

}  // namespace mail_mcp
