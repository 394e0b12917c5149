// MemoryBudget: a process-wide ceiling on the bytes that requests may hold at once of what
// upstream servers send (IMAP responses, message parts), so that the server's peak memory has a
// stated bound however many requests meet large or hostile responses at the same time.
//
// Each request's own limit bounds one response by what that request needs; this bounds their sum.
// A reader reserves before it buffers more and gives everything back when its call is done; a
// reservation that does not fit fails at once (the caller reports the server as busy) instead of
// waiting, so no request holds its share while waiting for another's.
//
// Thread-safety: safe from any number of threads (one atomic counter).
#pragma once

#include <atomic>
#include <cstddef>

namespace mail_mcp {

class MemoryBudget {
 public:
  explicit MemoryBudget(size_t limit_bytes) : limit_(limit_bytes) {}
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  /// Takes `bytes` from the budget if they fit; false (and nothing taken) when they do not.
  bool TryReserve(size_t bytes);
  /// Gives back `bytes` taken earlier.
  void Release(size_t bytes);

  size_t limit() const { return limit_; }
  size_t in_use() const { return used_.load(std::memory_order_relaxed); }

 private:
  const size_t limit_;
  std::atomic<size_t> used_{0};
};

}  // namespace mail_mcp
