#include "oauth/used_codes.h"

#include "oauth/login_rate_limiter.h"
#include "testing.h"

using namespace mail_mcp;

TEST(UsedCodes, SecondUseIsRefused) {
  UsedCodes used;
  EXPECT_TRUE(used.MarkUsed("a", 100, 0));
  EXPECT_FALSE(used.MarkUsed("a", 100, 1));
  EXPECT_TRUE(used.MarkUsed("b", 100, 1));
}

TEST(UsedCodes, ExpiredEntriesArePurgedAndAFullSetFailsClosed) {
  UsedCodes used(2);
  EXPECT_TRUE(used.MarkUsed("a", 10, 0));
  EXPECT_TRUE(used.MarkUsed("b", 1000, 0));
  EXPECT_FALSE(used.MarkUsed("c", 1000, 5));  // full, nothing expired yet
  EXPECT_TRUE(used.MarkUsed("c", 1000, 11));  // "a" expired and is purged
  EXPECT_EQ(used.size(), 2u);
}

TEST(LoginRateLimiter, BlocksAnAddressAfterTooManyFailuresUntilTheWindowEnds) {
  LoginRateLimiter limiter(3, 600);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.RetryAfter("1.2.3.4", 100 + i), 0);
    limiter.RecordFailure("1.2.3.4", 100 + i);
  }
  EXPECT_EQ(limiter.RetryAfter("1.2.3.4", 110), 590);
  EXPECT_EQ(limiter.RetryAfter("5.6.7.8", 110), 0);  // other addresses are unaffected
  EXPECT_EQ(limiter.RetryAfter("1.2.3.4", 700), 0);
}

TEST(LoginRateLimiter, CountsFailuresWithinTheWindowOnly) {
  LoginRateLimiter limiter(3, 600);
  EXPECT_EQ(limiter.Failures("k", 100), 0);
  limiter.RecordFailure("k", 100);
  limiter.RecordFailure("k", 101);
  EXPECT_EQ(limiter.Failures("k", 102), 2);
  EXPECT_EQ(limiter.Failures("k", 700), 0);
}

TEST(LoginRateLimiter, TableIsBoundedAndFailsClosed) {
  LoginRateLimiter limiter(1, 600, 2);
  limiter.RecordFailure("a", 0);
  limiter.RecordFailure("b", 0);
  EXPECT_GT(limiter.RetryAfter("c", 1), 0);
  EXPECT_EQ(limiter.RetryAfter("c", 601), 0);
}
