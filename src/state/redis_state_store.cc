#include "state/redis_state_store.h"

#include <charconv>
#include <iostream>
#include <optional>

#include "crypto/base64.h"
#include "crypto/sha256.h"

namespace mail_mcp {
namespace {

/// Refresh rotation in one atomic step (KEYS[1] the grant; ARGV[1] the generation presented,
/// ARGV[2] the new expiry in ms). The grant's value is its newest generation, or "revoked".
/// An older generation presented again revokes the family for at least as long as it would live.
constexpr char kRotateScript[] = R"lua(
local v = redis.call('GET', KEYS[1])
if v == 'revoked' then return 'revoked' end
local current = tonumber(v)
local presented = tonumber(ARGV[1])
if current and current > presented then
  local px = tonumber(ARGV[2])
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > px then px = ttl end
  redis.call('SET', KEYS[1], 'revoked', 'PX', px)
  return 'reused'
end
redis.call('SET', KEYS[1], tostring(presented + 1), 'PX', ARGV[2])
return 'rotated'
)lua";

constexpr char kDownNote[] =
    "; code exchange, refresh, revocation and sign-in fail until it is back, MCP calls continue";

Status Refused(const RespValue& reply) {
  return Status::Unavailable("the Redis server refused a command: " + reply.text.substr(0, 200));
}

bool IsInteger(const RespValue& v) { return v.type == RespValue::Type::kInteger; }

/// PTTL in milliseconds to whole seconds left (rounded up; none when the key has no expiry).
int64_t SecondsLeft(const RespValue& pttl) {
  return IsInteger(pttl) && pttl.integer > 0 ? (pttl.integer + 999) / 1000 : 0;
}

}  // namespace

RedisStateStore::RedisStateStore(RedisOptions options, const std::string& issuer, const std::string& key_secret,
                                 std::function<int64_t()> clock)
    : options_(std::move(options)),
      prefix_("mail_mcp:" + issuer + ":"),
      failure_key_(DeriveKey(key_secret, "state store login keys")),
      clock_(std::move(clock)) {}

RedisStateStore::~RedisStateStore() {
  {
    std::lock_guard<std::mutex> lock(health_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (reconnect_.joinable()) reconnect_.join();
}

StatusOr<std::unique_ptr<RedisConnection>> RedisStateStore::Connect() {
  auto c = RedisConnection::Open(options_);
  if (!c.ok()) return c.status();
  auto pong = (*c)->Call({"PING"});
  if (!pong.ok()) return pong.status();
  // A server that wants a password we were not given answers NOAUTH: a configuration mistake.
  if (pong->IsError() && pong->text.rfind("NOAUTH", 0) == 0)
    return Status::Unauthenticated("the Redis server " + options_.host + ":" + std::to_string(options_.port) +
                                   " requires a user name and password");
  if (pong->IsError()) return Refused(*pong);
  return c;
}

Status RedisStateStore::Start() {
  auto c = Connect();
  Status s = c.status();
  if (!s.ok()) {
    if (s.code() != Status::Code::kUnavailable) return s;
    MarkDown(s.message());
  } else {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    idle_.push_back(std::move(*c));
  }
  reconnect_ = std::thread([this] { ReconnectLoop(); });
  return Status::OK();
}

void RedisStateStore::Log(const std::string& line) {
  // Called with health_mutex_ held.
  last_log_ = std::chrono::steady_clock::now();
  std::cerr << "mail_mcp: state store (Redis " << options_.host << ":" << options_.port << "): " << line << "\n";
}

void RedisStateStore::MarkDown(const std::string& why) {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    idle_.clear();  // they are most likely broken too
  }
  std::lock_guard<std::mutex> lock(health_mutex_);
  if (down_) return;
  down_ = true;
  down_since_ = clock_();
  down_detail_ = why;
  if (std::chrono::steady_clock::now() - last_log_ >= std::chrono::minutes(1)) Log("unreachable: " + why + kDownNote);
}

void RedisStateStore::ReconnectLoop() {
  std::unique_lock<std::mutex> lock(health_mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
    if (stopping_ || !down_) continue;
    lock.unlock();
    auto c = Connect();
    Status s = c.status();
    if (s.ok()) {
      std::lock_guard<std::mutex> pool(pool_mutex_);
      idle_.push_back(std::move(*c));
    }
    lock.lock();
    if (s.ok()) {
      down_ = false;
      Log("reachable again after " + std::to_string(clock_() - down_since_) + " s");
    } else {
      down_detail_ = s.message();
      if (std::chrono::steady_clock::now() - last_log_ >= std::chrono::minutes(1))
        Log("still unreachable since " + std::to_string(clock_() - down_since_) + " s: " + s.message());
    }
  }
}

StoreHealth RedisStateStore::Health() {
  if (!down_) return {};
  std::lock_guard<std::mutex> lock(health_mutex_);
  return StoreHealth{false, down_detail_};
}

StatusOr<std::vector<RespValue>> RedisStateStore::Run(const std::vector<RedisCommand>& commands) {
  if (down_) return Status::Unavailable("the state store (Redis) is unreachable");
  // A pooled connection may have been closed by the server since (a Redis restart): then the
  // others are stale too, and one fresh connection decides whether the server is really down.
  // The command cannot have run on a connection the server had already closed.
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::unique_ptr<RedisConnection> c;
    {
      std::lock_guard<std::mutex> lock(pool_mutex_);
      if (attempt == 0 && !idle_.empty()) {
        c = std::move(idle_.back());
        idle_.pop_back();
      } else if (attempt == 1) {
        idle_.clear();
      }
    }
    const bool pooled = c != nullptr;
    if (!c) {
      auto opened = RedisConnection::Open(options_);
      if (!opened.ok()) {
        MarkDown(opened.status().message());
        return Status::Unavailable("the state store (Redis) is unreachable");
      }
      c = std::move(*opened);
    }
    auto replies = c->Exchange(commands);
    if (!replies.ok()) {
      if (pooled) continue;
      MarkDown(replies.status().message());
      return Status::Unavailable("the state store (Redis) is unreachable");
    }
    {
      std::lock_guard<std::mutex> lock(pool_mutex_);
      if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(c));
    }
    for (const RespValue& r : *replies) {
      if (!r.IsError()) continue;
      std::lock_guard<std::mutex> lock(health_mutex_);
      if (std::chrono::steady_clock::now() - last_log_ >= std::chrono::minutes(1))
        Log("refused a command: " + r.text.substr(0, 200));
      return Refused(r);
    }
    return replies;
  }
  return Status::Unavailable("the state store (Redis) is unreachable");
}

int64_t RedisStateStore::MillisecondsUntil(int64_t expires_at) const {
  return std::max<int64_t>(1000, (expires_at - clock_()) * 1000);
}

StatusOr<bool> RedisStateStore::UseCode(const std::string& id, int64_t expires_at) {
  if (!IsValidStateId(id)) return Status::InvalidArgument("not a valid code id");
  auto r = Run({{"SET", Key("code", id), "1", "NX", "PX", std::to_string(MillisecondsUntil(expires_at))}});
  if (!r.ok()) return r.status();
  // +OK: set now, the first use; nil: it was there already.
  return (*r)[0].IsOk();
}

StatusOr<FailureWindow> RedisStateStore::LoginFailures(const std::string& key) {
  const std::string k = Key("login", Base64UrlEncode(HmacSha256(failure_key_, key)).substr(0, 22));
  auto r = Run({{"GET", k}, {"PTTL", k}});
  if (!r.ok()) return r.status();
  const RespValue& count = (*r)[0];
  if (count.IsNull()) return FailureWindow{};
  FailureWindow w;
  auto [end, ec] = std::from_chars(count.text.data(), count.text.data() + count.text.size(), w.count);
  if (ec != std::errc() || end != count.text.data() + count.text.size())
    return Status::Unavailable("the Redis server holds a malformed failure counter");
  w.seconds_left = SecondsLeft((*r)[1]);
  return w;
}

StatusOr<FailureWindow> RedisStateStore::AddLoginFailure(const std::string& key, int64_t window_seconds) {
  const std::string k = Key("login", Base64UrlEncode(HmacSha256(failure_key_, key)).substr(0, 22));
  // The first failure opens the window (PEXPIRE NX: only a key without an expiry gets one), later
  // ones only count; MULTI makes the three one step, so a key never lives without its expiry.
  auto r =
      Run({{"MULTI"}, {"INCR", k}, {"PEXPIRE", k, std::to_string(window_seconds * 1000), "NX"}, {"PTTL", k}, {"EXEC"}});
  if (!r.ok()) return r.status();
  const RespValue& exec = r->back();
  if (exec.type != RespValue::Type::kArray || exec.elements.size() != 3 || !IsInteger(exec.elements[0]))
    return Status::Unavailable("the Redis server answered a failure count unexpectedly");
  return FailureWindow{exec.elements[0].integer, SecondsLeft(exec.elements[2])};
}

StatusOr<RefreshUse> RedisStateStore::UseRefreshToken(const std::string& grant, int64_t generation,
                                                      int64_t expires_at) {
  if (!IsValidStateId(grant)) return Status::InvalidArgument("not a valid grant id");
  auto r = Run({{"EVAL", kRotateScript, "1", Key("grant", grant), std::to_string(generation),
                 std::to_string(MillisecondsUntil(expires_at))}});
  if (!r.ok()) return r.status();
  const auto outcome = (*r)[0].String();
  if (outcome == "rotated") return RefreshUse::kRotated;
  if (outcome == "reused" || outcome == "revoked") {
    Cache(grant, true);
    return outcome == "reused" ? RefreshUse::kReused : RefreshUse::kRevoked;
  }
  return Status::Unavailable("the Redis server answered a refresh rotation unexpectedly");
}

Status RedisStateStore::RevokeGrant(const std::string& grant, int64_t expires_at) {
  if (!IsValidStateId(grant)) return Status::InvalidArgument("not a valid grant id");
  // Callers pass the longest a token of the grant can live from now, which is never shorter than
  // the expiry the key already has (set from an earlier "now").
  auto r = Run({{"SET", Key("grant", grant), "revoked", "PX", std::to_string(MillisecondsUntil(expires_at))}});
  if (!r.ok()) return r.status();
  Cache(grant, true);
  return Status::OK();
}

void RedisStateStore::Cache(const std::string& grant, bool revoked) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (cache_.size() >= kMaxCachedGrants && !cache_.count(grant)) {
    // Stale live entries go first; if all are fresh, the live ones (asking again costs one GET).
    std::erase_if(cache_, [now](const auto& e) {
      return !e.second.revoked && now - e.second.checked >= std::chrono::seconds(kRevocationCacheSeconds);
    });
    if (cache_.size() >= kMaxCachedGrants) std::erase_if(cache_, [](const auto& e) { return !e.second.revoked; });
    if (cache_.size() >= kMaxCachedGrants) cache_.clear();
  }
  cache_[grant] = CachedGrant{revoked, now};
}

bool RedisStateStore::IsGrantRevoked(const std::string& grant) {
  std::optional<bool> known;
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    if (auto it = cache_.find(grant); it != cache_.end()) {
      // A revocation is final; a live answer is good for kRevocationCacheSeconds.
      if (it->second.revoked ||
          std::chrono::steady_clock::now() - it->second.checked < std::chrono::seconds(kRevocationCacheSeconds))
        return it->second.revoked;
      known = it->second.revoked;
    }
  }
  if (!IsValidStateId(grant)) return false;
  auto r = Run({{"GET", Key("grant", grant)}});
  // Down: the last known answer (a grant never seen counts as live).
  if (!r.ok()) return known.value_or(false);
  const bool revoked = (*r)[0].String() == "revoked";
  Cache(grant, revoked);
  return revoked;
}

}  // namespace mail_mcp
