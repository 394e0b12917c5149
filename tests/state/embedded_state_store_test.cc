#include "state/embedded_state_store.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "testing.h"

using namespace mail_mcp;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/state_store_test_XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string Journal() const { return path + "/state.journal"; }
};

size_t Lines(const std::string& file) {
  std::ifstream in(file);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

struct Clock {
  int64_t now = 1'800'000'000;
  std::function<int64_t()> fn() {
    return [this] { return now; };
  }
};

}  // namespace

TEST(EmbeddedStateStore, ACodeIsUsedOnceUntilItExpires) {
  Clock c;
  auto s = EmbeddedStateStore::Open("", c.fn());
  ASSERT_OK(s);
  EXPECT_TRUE(*(*s)->UseCode("code1", c.now + 300));
  EXPECT_FALSE(*(*s)->UseCode("code1", c.now + 300));
  EXPECT_TRUE(*(*s)->UseCode("code2", c.now + 300));
  EXPECT_FALSE((*s)->UseCode("bad id", c.now + 300).ok());
  EXPECT_FALSE((*s)->UseCode(std::string(65, 'a'), c.now + 300).ok());
}

TEST(EmbeddedStateStore, RefreshGenerationsRotateAndAReuseRevokesTheFamily) {
  Clock c;
  auto s = EmbeddedStateStore::Open("", c.fn()).value();
  const int64_t exp = c.now + 30 * 86400;
  EXPECT_EQ(*s->UseRefreshToken("fam", 0, exp), RefreshUse::kRotated);
  EXPECT_EQ(*s->UseRefreshToken("fam", 1, exp), RefreshUse::kRotated);
  EXPECT_FALSE(s->IsGrantRevoked("fam"));
  EXPECT_EQ(*s->UseRefreshToken("fam", 0, exp), RefreshUse::kReused);
  EXPECT_TRUE(s->IsGrantRevoked("fam"));
  EXPECT_EQ(*s->UseRefreshToken("fam", 2, exp), RefreshUse::kRevoked);
  // A family the store does not know (a token from before the store) starts where it is.
  EXPECT_EQ(*s->UseRefreshToken("legacy", 5, exp), RefreshUse::kRotated);
  EXPECT_EQ(*s->UseRefreshToken("legacy", 5, exp), RefreshUse::kReused);
}

TEST(EmbeddedStateStore, ARevocationEndsTheGrantAndIsDroppedAfterItsExpiry) {
  Clock c;
  auto s = EmbeddedStateStore::Open("", c.fn()).value();
  ASSERT_OK(s->RevokeGrant("g", c.now + 100));
  EXPECT_TRUE(s->IsGrantRevoked("g"));
  EXPECT_EQ(*s->UseRefreshToken("g", 0, c.now + 100), RefreshUse::kRevoked);
  c.now += 101;
  EXPECT_FALSE(s->IsGrantRevoked("g"));  // every token of it has expired by now
  ASSERT_OK(s->RevokeGrant("h", c.now + 100));
  c.now += 61;  // the next write purges (at most once a minute)
  ASSERT_OK(s->RevokeGrant("i", c.now + 100));
  EXPECT_EQ(s->grants(), 2u);
}

TEST(EmbeddedStateStore, FailuresCountInAWindowThatEnds) {
  Clock c;
  auto s = EmbeddedStateStore::Open("", c.fn()).value();
  EXPECT_EQ(s->LoginFailures("1.2.3.4")->count, 0);
  EXPECT_EQ(s->AddLoginFailure("1.2.3.4", 600)->count, 1);
  c.now += 10;
  FailureWindow w = *s->AddLoginFailure("1.2.3.4", 600);
  EXPECT_EQ(w.count, 2);
  EXPECT_EQ(w.seconds_left, 590);
  EXPECT_EQ(s->LoginFailures("5.6.7.8")->count, 0);
  c.now += 590;
  EXPECT_EQ(s->LoginFailures("1.2.3.4")->count, 0);
  EXPECT_EQ(s->AddLoginFailure("1.2.3.4", 600)->count, 1);
}

TEST(EmbeddedStateStore, FullTablesPurgeExpiredEntriesThenFailClosed) {
  Clock c;
  EmbeddedLimits limits{.max_codes = 2, .max_grants = 1, .max_failure_keys = 1};
  auto s = EmbeddedStateStore::Open("", c.fn(), limits).value();
  EXPECT_TRUE(*s->UseCode("a", c.now + 10));
  EXPECT_TRUE(*s->UseCode("b", c.now + 1000));
  EXPECT_EQ(s->UseCode("c", c.now + 1000).status().code(), Status::Code::kResourceExhausted);
  EXPECT_FALSE(*s->UseCode("b", c.now + 1000));  // a known code is still refused, never let through
  c.now += 11;
  EXPECT_TRUE(*s->UseCode("c", c.now + 1000));  // "a" expired and made room
  ASSERT_OK(s->RevokeGrant("g", c.now + 1000));
  EXPECT_FALSE(s->RevokeGrant("h", c.now + 1000).ok());
  EXPECT_FALSE(s->UseRefreshToken("h", 0, c.now + 1000).ok());
  EXPECT_OK(s->AddLoginFailure("x", 100));
  // A key that cannot be counted must not be a free pass.
  EXPECT_FALSE(s->LoginFailures("y").ok());
  EXPECT_FALSE(s->AddLoginFailure("y", 100).ok());
}

TEST(EmbeddedStateStore, CodesGenerationsAndRevocationsSurviveARestart) {
  TempDir dir;
  Clock c;
  {
    auto s = EmbeddedStateStore::Open(dir.path, c.fn()).value();
    EXPECT_TRUE(*s->UseCode("code", c.now + 300));
    EXPECT_EQ(*s->UseRefreshToken("fam", 0, c.now + 1000), RefreshUse::kRotated);
    ASSERT_OK(s->RevokeGrant("revoked", c.now + 1000));
    EXPECT_OK(s->AddLoginFailure("1.2.3.4", 600));
  }
  auto s = EmbeddedStateStore::Open(dir.path, c.fn());
  ASSERT_OK(s);
  EXPECT_FALSE(*(*s)->UseCode("code", c.now + 300));
  EXPECT_TRUE((*s)->IsGrantRevoked("revoked"));
  EXPECT_EQ(*(*s)->UseRefreshToken("fam", 0, c.now + 1000), RefreshUse::kReused);
  EXPECT_EQ((*s)->LoginFailures("1.2.3.4")->count, 0);  // counters are memory only
}

TEST(EmbeddedStateStore, ARestartDropsExpiredEntriesAndATornLastLine) {
  TempDir dir;
  Clock c;
  {
    auto s = EmbeddedStateStore::Open(dir.path, c.fn()).value();
    EXPECT_TRUE(*s->UseCode("short", c.now + 10));
    ASSERT_OK(s->RevokeGrant("long", c.now + 1000));
  }
  {
    std::ofstream torn(dir.Journal(), std::ios::app);
    torn << "r half";  // a crash in the middle of a write
  }
  c.now += 11;
  auto s = EmbeddedStateStore::Open(dir.path, c.fn());
  ASSERT_OK(s);
  EXPECT_EQ((*s)->codes(), 0u);
  EXPECT_TRUE((*s)->IsGrantRevoked("long"));
  EXPECT_EQ(Lines(dir.Journal()), 1u);  // rewritten from the live entries
}

TEST(EmbeddedStateStore, TheJournalIsRewrittenWhenMostOfItIsDead) {
  TempDir dir;
  Clock c;
  auto s = EmbeddedStateStore::Open(dir.path, c.fn()).value();
  for (int i = 0; i < 3000; ++i) {
    EXPECT_TRUE(*s->UseCode("c" + std::to_string(i), c.now + 1));
    c.now += 2;  // each code is dead by the next
  }
  EXPECT_LT(Lines(dir.Journal()), 2100u);
}

TEST(EmbeddedStateStore, TwoProcessesCannotShareOneFolder) {
  TempDir dir;
  Clock c;
  auto first = EmbeddedStateStore::Open(dir.path, c.fn());
  ASSERT_OK(first);
  // flock locks belong to the open file, so a second open in this process is refused like another process.
  auto second = EmbeddedStateStore::Open(dir.path, c.fn());
  EXPECT_FALSE(second.ok());
  EXPECT_CONTAINS(second.status().message(), "STATE_URL");
}

TEST(StateJournal, LinesRoundTripAndMalformedOnesAreRefused) {
  for (JournalRecord r :
       {JournalRecord{'c', "abc", 0, 5}, JournalRecord{'g', "A-_9", 3, 7}, JournalRecord{'r', "x", 0, 9}}) {
    std::string line = FormatJournalLine(r);
    line.pop_back();
    JournalRecord back;
    ASSERT_TRUE(ParseJournalLine(line, &back));
    EXPECT_EQ(back.kind, r.kind);
    EXPECT_EQ(back.id, r.id);
    EXPECT_EQ(back.generation, r.generation);
    EXPECT_EQ(back.expires_at, r.expires_at);
  }
  JournalRecord r;
  for (const char* bad : {"", "c", "c abc", "x abc 5", "c a/b 5", "c abc -5", "g abc 5", "c abc 5 6", "c abc 5x",
                          "c abc 05", "g abc 01 5"})
    EXPECT_FALSE(ParseJournalLine(bad, &r));
}
