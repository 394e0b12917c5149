#include "mcp/tool_list_cache.h"

#include <thread>
#include <vector>

#include "testing.h"

using namespace mail_mcp;

namespace {

/// A result that names its era and set, and counts how often it was built.
ToolListCache::Build Counting(int* builds) {
  return [builds](bool stateless, uint64_t tools) {
    ++*builds;
    picojson::object o;
    o["stateless"] = picojson::value(stateless);
    o["tools"] = picojson::value(int64_t(tools));
    return picojson::value(o);
  };
}

}  // namespace

TEST(ToolListCache, BuildsTheFullSetOfBothErasOnceUpFront) {
  int builds = 0;
  ToolListCache cache(Counting(&builds), 0x1ff);
  EXPECT_EQ(builds, 2);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(cache.Get(false, 0x1ff), R"({"stateless":false,"tools":511})");
    EXPECT_EQ(cache.Get(true, 0x1ff), R"({"stateless":true,"tools":511})");
  }
  EXPECT_EQ(builds, 2);
}

TEST(ToolListCache, OtherSetsAreBuiltOnFirstUseAndKept) {
  int builds = 0;
  ToolListCache cache(Counting(&builds), 0x1ff);
  const std::string& narrowed = cache.Get(true, 0x3);
  EXPECT_EQ(narrowed, R"({"stateless":true,"tools":3})");
  EXPECT_EQ(&cache.Get(true, 0x3), &narrowed);  // the same bytes, not rebuilt
  EXPECT_EQ(builds, 3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&cache] {
      for (uint64_t set = 1; set < 32; ++set) (void)cache.Get(set % 2 == 0, set);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(builds, 3 + 31);  // each distinct (era, set) once, however many threads ask
}
