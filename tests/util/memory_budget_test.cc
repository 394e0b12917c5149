#include "util/memory_budget.h"

#include <atomic>
#include <thread>
#include <vector>

#include "testing.h"

using namespace mail_mcp;

TEST(MemoryBudget, ReservesWhatFitsAndRefusesTheRestWithoutTakingAnything) {
  MemoryBudget budget(100);
  EXPECT_TRUE(budget.TryReserve(60));
  EXPECT_FALSE(budget.TryReserve(41));
  EXPECT_EQ(budget.in_use(), size_t{60});
  EXPECT_TRUE(budget.TryReserve(40));
  EXPECT_FALSE(budget.TryReserve(1));
  budget.Release(60);
  EXPECT_TRUE(budget.TryReserve(60));
  EXPECT_FALSE(budget.TryReserve(size_t(-1)));
  EXPECT_EQ(budget.in_use(), size_t{100});
}

TEST(MemoryBudget, ManyThreadsNeverExceedTheLimit) {
  MemoryBudget budget(1000);
  std::atomic<size_t> peak{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (!budget.TryReserve(300)) continue;
        size_t now = budget.in_use(), seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        budget.Release(300);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_LE(peak.load(), size_t{900});
  EXPECT_EQ(budget.in_use(), size_t{0});
}
