#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "testing.h"

namespace testing {

namespace {
int g_failures_in_test = 0;
}

std::vector<TestCase>& Registry() {
  static std::vector<TestCase> tests;
  return tests;
}

void Fail(const char* file, int line, const std::string& message) {
  ++g_failures_in_test;
  std::printf("    %s:%d: %s\n", file, line, message.c_str());
}

}  // namespace testing

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : "";
  const bool verbose = std::getenv("TEST_VERBOSE") != nullptr;  // names each test before it runs
  int passed = 0, failed = 0;
  for (const auto& test : testing::Registry()) {
    if (!strstr(test.name.c_str(), filter)) continue;
    testing::g_failures_in_test = 0;
    if (verbose) std::printf("RUN  %s\n", test.name.c_str()), std::fflush(stdout);
    try {
      test.body();
    } catch (const testing::AssertionAbort&) {
    } catch (const std::exception& e) {
      testing::Fail(__FILE__, __LINE__, std::string("uncaught exception: ") + e.what());
    }
    if (testing::g_failures_in_test == 0) {
      ++passed;
    } else {
      ++failed;
      std::printf("FAIL %s\n", test.name.c_str());
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
