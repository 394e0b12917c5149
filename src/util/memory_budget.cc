#include "util/memory_budget.h"

namespace mail_mcp {

bool MemoryBudget::TryReserve(size_t bytes) {
  size_t used = used_.load(std::memory_order_relaxed);
  do {
    if (bytes > limit_ || used > limit_ - bytes) return false;
  } while (!used_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
  return true;
}

void MemoryBudget::Release(size_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }

}  // namespace mail_mcp
