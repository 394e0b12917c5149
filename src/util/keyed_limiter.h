// KeyedLimiter: at most N holders per key at once (concurrent mail calls per client address, per
// mailbox), refusing the one over instead of queueing it.
//
// Refusing is the point: a request that waited would hold an HTTP worker while it waits, which is
// how slow upstreams starved requests that need none. Keys with no holder take no memory.
//
// Thread-safety: safe from any number of threads (one mutex).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mail_mcp {

class KeyedLimiter {
 public:
  explicit KeyedLimiter(size_t max_per_key) : max_per_key_(max_per_key) {}
  KeyedLimiter(const KeyedLimiter&) = delete;
  KeyedLimiter& operator=(const KeyedLimiter&) = delete;

  /// Takes one of `key`'s places; false (nothing taken) when all max_per_key are held.
  bool TryAcquire(const std::string& key);
  /// Gives back a place TryAcquire gave.
  void Release(const std::string& key);
  /// Places of `key` held now.
  size_t held(const std::string& key) const;
  size_t max_per_key() const { return max_per_key_; }

 private:
  const size_t max_per_key_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, size_t> held_;
};

}  // namespace mail_mcp
