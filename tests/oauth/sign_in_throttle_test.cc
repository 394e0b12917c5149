#include "oauth/sign_in_throttle.h"

#include "state/embedded_state_store.h"
#include "testing.h"

using namespace mail_mcp;

namespace {

/// A throttle over an in-memory embedded store whose clock the test sets.
struct Throttle {
  Throttle(int max_failures, int64_t window)
      : store(EmbeddedStateStore::Open("", [this] { return now; }).value()), t(store.get(), max_failures, window) {}
  SignInThrottle::Verdict Check(const std::string& client, std::string_view user, int64_t at) {
    now = at;
    return t.Check(client, user);
  }
  void RecordFailure(const std::string& client, std::string_view user, int64_t at) {
    now = at;
    t.RecordFailure(client, user);
  }
  int64_t now = 0;
  std::unique_ptr<EmbeddedStateStore> store;
  SignInThrottle t;
};

}  // namespace

// Behind a proxy every sign-in came from one address: two failures by one person gave the next
// person's right password a 429 (issue 19, item 1). Per client, one address locks out only itself.
TEST(SignInThrottle, OneClientOverItsLimitLocksOutOnlyItself) {
  Throttle t(2, 600);
  t.RecordFailure("198.51.100.1", "alice", 100);
  t.RecordFailure("198.51.100.1", "alice", 101);
  auto locked = t.Check("198.51.100.1", "bob", 102);
  EXPECT_GT(locked.retry_after, 0);
  EXPECT_TRUE(locked.why == SignInThrottle::Verdict::Why::kClient);
  EXPECT_EQ(t.Check("198.51.100.2", "bob", 102).retry_after, 0);
  // The account alice reached its limit too, but her own fresh address is not refused.
  EXPECT_EQ(t.Check("203.0.113.9", "alice", 102).retry_after, 0);
  EXPECT_EQ(t.Check("198.51.100.1", "bob", 701).retry_after, 0);
}

TEST(SignInThrottle, ADistributedGuesserGetsOneGuessPerAddressOnceTheAccountIsOverItsLimit) {
  Throttle t(3, 600);
  for (const char* a : {"10.0.0.1", "10.0.0.2", "10.0.0.3"}) {
    EXPECT_EQ(t.Check(a, "Alice@Example.com", 100).retry_after, 0);
    t.RecordFailure(a, "Alice@Example.com", 100);
  }
  // A new address may try once; after its failure it is refused for this account...
  EXPECT_EQ(t.Check("10.0.0.4", "alice@example.com", 101).retry_after, 0);
  t.RecordFailure("10.0.0.4", " alice@example.com ", 101);
  auto v = t.Check("10.0.0.4", "ALICE@example.com", 102);
  EXPECT_GT(v.retry_after, 0);
  EXPECT_TRUE(v.why == SignInThrottle::Verdict::Why::kAccount);
  // ...but not for others, and the owner's clean address still gets in.
  EXPECT_EQ(t.Check("10.0.0.4", "bob@example.com", 102).retry_after, 0);
  EXPECT_EQ(t.Check("192.0.2.50", "alice@example.com", 102).retry_after, 0);
}

TEST(SignInThrottle, AStoreThatCannotCountMakesSignInWait) {
  int64_t now = 0;
  auto store = EmbeddedStateStore::Open(
                   "", [&now] { return now; }, EmbeddedLimits{.max_failure_keys = 2})
                   .value();
  SignInThrottle t(store.get(), 5, 600);
  t.RecordFailure("10.0.0.1", "alice");  // two keys: client and user
  EXPECT_TRUE(t.Check("10.0.0.2", "bob").why == SignInThrottle::Verdict::Why::kUnavailable);
}
