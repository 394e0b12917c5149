// A minimal unit-test framework: TEST(Suite, Name) blocks, EXPECT_* / ASSERT_* checks.
//
// Ours rather than GoogleTest: a header and a runner, with no third-party library to fetch and
// build. The tests build only for the host, with g++ under ASan/UBSan (`make unit`); the musl
// release target carries no tests. The runner (testing_main.cc) ends with the line "N passed,
// N failed", which CI reads; `unit_tests FILTER` runs only tests whose "Suite.Name" contains FILTER.
//
// Thread-safety: tests run one at a time on the main thread.
#pragma once

#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace testing {

struct TestCase {
  std::string name;
  std::function<void()> body;
};

std::vector<TestCase>& Registry();
/// Records a failed check in the running test.
void Fail(const char* file, int line, const std::string& message);

struct Registrar {
  Registrar(const char* suite, const char* name, std::function<void()> body) {
    Registry().push_back({std::string(suite) + "." + name, std::move(body)});
  }
};

template <typename T>
std::string Show(const T& v) {
  std::ostringstream os;
  if constexpr (std::is_same_v<T, bool>) os << (v ? "true" : "false");
  else if constexpr (std::is_convertible_v<T, std::string_view>) os << '"' << std::string_view(v) << '"';
  else if constexpr (std::is_enum_v<T>) os << static_cast<long long>(v);
  else os << v;
  return os.str();
}

/// The message of a Status, or of the Status inside a StatusOr.
template <typename T, typename = void>
struct HasStatus : std::false_type {};
template <typename T>
struct HasStatus<T, std::void_t<decltype(std::declval<const T&>().status())>> : std::true_type {};
template <typename T>
std::string MessageOf(const T& s) {
  if constexpr (HasStatus<T>::value) return s.status().message();
  else return s.message();
}

/// Thrown by ASSERT_* to leave the test body; caught by the runner only.
struct AssertionAbort {};

}  // namespace testing

#define TESTING_CONCAT2(a, b) a##b
#define TESTING_CONCAT(a, b) TESTING_CONCAT2(a, b)
#define TEST(suite, name)                                                                                  \
  static void suite##_##name##_Test();                                                                     \
  static ::testing::Registrar TESTING_CONCAT(registrar_, __LINE__)(#suite, #name, &suite##_##name##_Test); \
  static void suite##_##name##_Test()

#define TESTING_CHECK(cond, msg, fatal)             \
  do {                                              \
    if (!(cond)) {                                  \
      ::testing::Fail(__FILE__, __LINE__, msg);     \
      if (fatal) throw ::testing::AssertionAbort(); \
    }                                               \
  } while (0)

#define TESTING_CMP(a, b, op, fatal)                                                                               \
  do {                                                                                                             \
    const auto testing_a = (a);                                                                                    \
    const auto testing_b = (b);                                                                                    \
    if (!(testing_a op testing_b)) {                                                                               \
      ::testing::Fail(                                                                                             \
          __FILE__, __LINE__,                                                                                      \
          std::string(#a " " #op " " #b ": ") + ::testing::Show(testing_a) + " vs " + ::testing::Show(testing_b)); \
      if (fatal) throw ::testing::AssertionAbort();                                                                \
    }                                                                                                              \
  } while (0)

#define EXPECT_TRUE(c) TESTING_CHECK((c), "expected true: " #c, false)
#define EXPECT_FALSE(c) TESTING_CHECK(!(c), "expected false: " #c, false)
#define ASSERT_TRUE(c) TESTING_CHECK((c), "expected true: " #c, true)
#define ASSERT_FALSE(c) TESTING_CHECK(!(c), "expected false: " #c, true)
#define EXPECT_EQ(a, b) TESTING_CMP(a, b, ==, false)
#define EXPECT_NE(a, b) TESTING_CMP(a, b, !=, false)
#define EXPECT_LT(a, b) TESTING_CMP(a, b, <, false)
#define EXPECT_LE(a, b) TESTING_CMP(a, b, <=, false)
#define EXPECT_GT(a, b) TESTING_CMP(a, b, >, false)
#define EXPECT_GE(a, b) TESTING_CMP(a, b, >=, false)
#define ASSERT_EQ(a, b) TESTING_CMP(a, b, ==, true)
#define ASSERT_NE(a, b) TESTING_CMP(a, b, !=, true)
/// Checks that a Status-like value is ok, printing its message otherwise.
#define EXPECT_OK(s) TESTING_CHECK((s).ok(), std::string("expected ok: " #s " -> ") + ::testing::MessageOf(s), false)
#define ASSERT_OK(s) TESTING_CHECK((s).ok(), std::string("expected ok: " #s " -> ") + ::testing::MessageOf(s), true)
/// True when `haystack` contains `needle`.
#define EXPECT_CONTAINS(haystack, needle)                                                            \
  TESTING_CHECK(std::string(haystack).find(needle) != std::string::npos,                             \
                std::string("expected ") + ::testing::Show(std::string(haystack)) + " to contain " + \
                    ::testing::Show(std::string(needle)),                                            \
                false)
