#include "oauth/login_rate_limiter.h"

#include "state/embedded_state_store.h"
#include "testing.h"

using namespace mail_mcp;

TEST(LoginRateLimiter, BlocksAKeyAfterTooManyFailuresUntilTheWindowEnds) {
  int64_t now = 100;
  auto store = EmbeddedStateStore::Open("", [&now] { return now; }).value();
  LoginRateLimiter limiter(store.get(), 3, 600);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(*limiter.RetryAfter("1.2.3.4"), 0);
    limiter.RecordFailure("1.2.3.4");
    ++now;
  }
  now = 110;
  EXPECT_EQ(*limiter.RetryAfter("1.2.3.4"), 590);
  EXPECT_EQ(*limiter.RetryAfter("5.6.7.8"), 0);  // other keys are unaffected
  now = 700;
  EXPECT_EQ(*limiter.RetryAfter("1.2.3.4"), 0);
}

TEST(LoginRateLimiter, AStoreThatCannotCountFailsClosed) {
  int64_t now = 0;
  auto store = EmbeddedStateStore::Open(
                   "", [&now] { return now; }, EmbeddedLimits{.max_failure_keys = 2})
                   .value();
  LoginRateLimiter limiter(store.get(), 1, 600);
  limiter.RecordFailure("a");
  limiter.RecordFailure("b");
  EXPECT_FALSE(limiter.RetryAfter("c").ok());
  now = 601;
  EXPECT_EQ(*limiter.RetryAfter("c"), 0);
}
