// ImapSessionPool's bookkeeping with stand-in sessions (no server): keys, reuse, the per-account cap
// and its bounded wait, LRU eviction, idle expiry, broken and dead sessions, shutdown. The pool
// against the real Dovecot is tests/integration/imap_pool.test.mjs.
#include "imap/imap_session_pool.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "testing.h"

using namespace mail_mcp;
using namespace std::chrono_literals;

namespace {

/// What the stand-in sessions of one test did.
struct Counters {
  std::atomic<int> connects{0};
  std::atomic<int> logouts_sent{0};
  std::atomic<int> logouts_awaited{0};
  std::atomic<int> destroyed{0};
};

/// A session that is "connected" without a server; the pool sees only the virtual hooks.
class FakeSession : public ImapSession {
 public:
  FakeSession(const MailAccount& account, Counters* counters)
      : ImapSession(account, MailConnectOptions{}), counters_(counters) {}
  ~FakeSession() override { ++counters_->destroyed; }

  bool reusable() const override { return healthy; }
  bool StillAlive() override { return healthy && alive; }
  void BeginReuse(const MailConnectOptions& options) override {
    ++reuses;
    call_flag = options.bearer_refused;
  }
  void EndUse() override {}
  void SendLogout() override {
    if (healthy) ++counters_->logouts_sent;
  }
  void AwaitLogout(Deadline) override {
    if (healthy) ++counters_->logouts_awaited;
  }

  bool healthy = true;  // false: broken (BYE, timeout...)
  bool alive = true;    // false: the server closed it while it was idle
  int reuses = 0;
  std::atomic<bool>* call_flag = nullptr;  // the bearer-refused flag of the call that took it last

 private:
  Counters* counters_;
};

MailAccount Account(const std::string& user, const std::string& password = "pw") {
  MailAccount a;
  a.servers.imap_host = "imap.example.test";
  a.servers.imap_port = 993;
  a.servers.imap_ssl = true;
  a.imap_username = user;
  a.imap_password = password;
  return a;
}

ImapPoolOptions Options() {
  ImapPoolOptions o;
  o.max_per_account = 3;
  o.max_idle = 256;
  o.idle_seconds = 120;
  o.max_age_seconds = 600;
  o.wait_ms = 2000;
  return o;
}

const char kMasterKey[] = "0123456789abcdef0123456789abcdef";

ImapSessionPool::Connector FakeConnector(Counters* counters) {
  return [counters](const MailAccount& account, const MailConnectOptions&) -> StatusOr<std::unique_ptr<ImapSession>> {
    ++counters->connects;
    return std::unique_ptr<ImapSession>(std::make_unique<FakeSession>(account, counters));
  };
}

FakeSession& Fake(ImapLease& lease) { return static_cast<FakeSession&>(*lease); }

ImapLease MustAcquire(ImapSessionPool& pool, const MailAccount& account) {
  auto lease = pool.Acquire(account, MailConnectOptions{});
  if (!lease.ok()) {
    ::testing::Fail(__FILE__, __LINE__, "Acquire failed: " + lease.status().message());
    throw ::testing::AssertionAbort();
  }
  return std::move(*lease);
}

/// Polls `done` for up to 3 s (the closer thread works in the background).
template <typename F>
bool Eventually(F done) {
  for (int i = 0; i < 300; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

}  // namespace

TEST(ImapSessionPool, KeyTellsHostPortTlsUserAndPasswordApart) {
  Counters c;
  ImapSessionPool pool(kMasterKey, Options(), FakeConnector(&c));
  const MailAccount base = Account("alice@example.test", "s3cret-Pa55");
  const std::string key = pool.KeyFor(base);
  EXPECT_EQ(key.size(), 32u);
  EXPECT_EQ(pool.KeyFor(base), key);
  EXPECT_EQ(key.find("s3cret-Pa55"), std::string::npos);
  std::set<std::string> keys{key};
  MailAccount a = base;
  a.servers.imap_host = "imap2.example.test";
  keys.insert(pool.KeyFor(a));
  a = base;
  a.servers.imap_port = 143;
  keys.insert(pool.KeyFor(a));
  a = base;
  a.servers.imap_ssl = false;
  keys.insert(pool.KeyFor(a));
  a = base;
  a.imap_username = "bob@example.test";
  keys.insert(pool.KeyFor(a));
  a = base;
  a.imap_password = "s3cret-Pa56";
  keys.insert(pool.KeyFor(a));
  // Fields cannot bleed into each other: "ab"+"c" is not "a"+"bc".
  a = base;
  a.imap_username = "alice@example.tests";
  a.imap_password = "3cret-Pa55";
  keys.insert(pool.KeyFor(a));
  // A bearer-token login (provider sign-in) is another login than a password one, and a renewed
  // token another than the last.
  a = base;
  a.imap_password.clear();
  a.bearer_token = "ya29.token-one";
  keys.insert(pool.KeyFor(a));
  a.bearer_token = "ya29.token-two";
  keys.insert(pool.KeyFor(a));
  EXPECT_EQ(keys.size(), 9u);
  // SMTP settings and the From identity are not the IMAP session's business.
  a = base;
  a.smtp_password = "other";
  a.email = "x@example.test";
  EXPECT_EQ(pool.KeyFor(a), key);
  // Another ENCRYPTION_KEY, other keys.
  ImapSessionPool other("fedcba9876543210fedcba9876543210", Options(), FakeConnector(&c));
  EXPECT_NE(other.KeyFor(base), key);
}

TEST(ImapSessionPool, TheNextCallOfAnAccountGetsItsIdleSession) {
  Counters c;
  ImapSessionPool pool(kMasterKey, Options(), FakeConnector(&c));
  ImapSession* first = nullptr;
  {
    ImapLease lease = MustAcquire(pool, Account("alice"));
    EXPECT_FALSE(lease.reused());
    first = &*lease;
  }
  EXPECT_EQ(pool.stats().idle, 1u);
  ImapLease again = MustAcquire(pool, Account("alice"));
  EXPECT_TRUE(again.reused());
  EXPECT_EQ(&*again, first);
  EXPECT_EQ(Fake(again).reuses, 1);
  EXPECT_EQ(c.connects.load(), 1);
  EXPECT_EQ(c.logouts_sent.load(), 0);
}

TEST(ImapSessionPool, AccountsAndPasswordsNeverShareASession) {
  Counters c;
  ImapSessionPool pool(kMasterKey, Options(), FakeConnector(&c));
  { ImapLease lease = MustAcquire(pool, Account("alice", "one")); }
  ImapLease bob = MustAcquire(pool, Account("bob", "one"));
  EXPECT_FALSE(bob.reused());
  ImapLease changed = MustAcquire(pool, Account("alice", "two"));
  EXPECT_FALSE(changed.reused());
  EXPECT_EQ(c.connects.load(), 3);
  EXPECT_EQ(pool.stats().idle, 1u);  // alice's session with the first password waits, untouched
}

TEST(ImapSessionPool, AReusedSessionReportsToTheCallThatTookIt) {
  // The bearer-refused flag lives on the stack of one HTTP request: a reconnect during a later call
  // must set that call's flag, never a pointer into a request that is over.
  Counters c;
  ImapSessionPool pool(kMasterKey, Options(), FakeConnector(&c));
  { ImapLease lease = MustAcquire(pool, Account("alice")); }
  std::atomic<bool> flag{false};
  MailConnectOptions options;
  options.bearer_refused = &flag;
  auto again = pool.Acquire(Account("alice"), options);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->reused());
  EXPECT_EQ(Fake(*again).call_flag, &flag);
}

TEST(ImapSessionPool, ACallBeyondTheAccountsCapWaitsThenFails) {
  Counters c;
  ImapPoolOptions o = Options();
  o.max_per_account = 2;
  o.wait_ms = 150;
  ImapSessionPool pool(kMasterKey, o, FakeConnector(&c));
  ImapLease one = MustAcquire(pool, Account("alice"));
  ImapLease two = MustAcquire(pool, Account("alice"));
  const auto started = std::chrono::steady_clock::now();
  auto third = pool.Acquire(Account("alice"), MailConnectOptions{});
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), Status::Code::kResourceExhausted);
  EXPECT_CONTAINS(third.status().message(), "IMAP_POOL_MAX_PER_ACCOUNT");
  EXPECT_GE(waited, 140ms);
  EXPECT_LT(waited, 2s);
  // Other accounts are not held up by alice's.
  ImapLease bob = MustAcquire(pool, Account("bob"));
  EXPECT_EQ(c.connects.load(), 3);
}

TEST(ImapSessionPool, AWaitingCallGetsTheSessionGivenBack) {
  Counters c;
  ImapPoolOptions o = Options();
  o.max_per_account = 1;
  ImapSessionPool pool(kMasterKey, o, FakeConnector(&c));
  auto held = std::make_unique<ImapLease>(MustAcquire(pool, Account("alice")));
  std::thread giver([&held] {
    std::this_thread::sleep_for(50ms);
    held.reset();
  });
  auto lease = pool.Acquire(Account("alice"), MailConnectOptions{});
  giver.join();
  ASSERT_OK(lease);
  EXPECT_TRUE(lease->reused());
  EXPECT_EQ(c.connects.load(), 1);
}

TEST(ImapSessionPool, TheLeastRecentlyUsedIdleSessionIsLoggedOutFirst) {
  Counters c;
  ImapPoolOptions o = Options();
  o.max_idle = 2;
  ImapSessionPool pool(kMasterKey, o, FakeConnector(&c));
  for (const char* user : {"alice", "bob", "carol"}) ImapLease lease = MustAcquire(pool, Account(user));
  EXPECT_TRUE(Eventually([&] { return c.logouts_awaited.load() == 1; }));
  EXPECT_EQ(pool.stats().idle, 2u);
  EXPECT_EQ(pool.stats().open, 2u);
  EXPECT_TRUE(MustAcquire(pool, Account("carol")).reused());
  EXPECT_TRUE(MustAcquire(pool, Account("bob")).reused());
  EXPECT_FALSE(MustAcquire(pool, Account("alice")).reused());  // the evicted one
}

TEST(ImapSessionPool, NoPoolingWithMaxIdleZero) {
  Counters c;
  ImapPoolOptions o = Options();
  o.max_idle = 0;
  ImapSessionPool pool(kMasterKey, o, FakeConnector(&c));
  { ImapLease lease = MustAcquire(pool, Account("alice")); }
  EXPECT_TRUE(Eventually([&] { return c.logouts_awaited.load() == 1; }));
  EXPECT_FALSE(MustAcquire(pool, Account("alice")).reused());
  EXPECT_EQ(c.connects.load(), 2);
}

TEST(ImapSessionPool, IdleSessionsAreLoggedOutAfterTheIdleTime) {
  Counters c;
  ImapPoolOptions o = Options();
  o.idle_seconds = 1;
  ImapSessionPool pool(kMasterKey, o, FakeConnector(&c));
  { ImapLease lease = MustAcquire(pool, Account("alice")); }
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(pool.stats().idle, 1u);
  EXPECT_TRUE(Eventually([&] { return c.logouts_awaited.load() == 1; }));
  EXPECT_EQ(c.logouts_sent.load(), 1);
  EXPECT_EQ(pool.stats().idle, 0u);
  EXPECT_EQ(pool.stats().open, 0u);
}

TEST(ImapSessionPool, ASessionPastItsMaxAgeIsNotHandedOut) {
  Counters c;
  ImapPoolOptions o = Options();
  o.max_age_seconds = 1;
  ImapSessionPool pool(kMasterKey, o, FakeConnector(&c));
  { ImapLease lease = MustAcquire(pool, Account("alice")); }
  EXPECT_TRUE(MustAcquire(pool, Account("alice")).reused());
  std::this_thread::sleep_for(1100ms);
  EXPECT_FALSE(MustAcquire(pool, Account("alice")).reused());
  EXPECT_TRUE(Eventually([&] { return c.logouts_awaited.load() == 1; }));  // the old one, off this thread
}

TEST(ImapSessionPool, ABrokenSessionIsNeverPooledOrLoggedOut) {
  Counters c;
  ImapSessionPool pool(kMasterKey, Options(), FakeConnector(&c));
  {
    ImapLease lease = MustAcquire(pool, Account("alice"));
    Fake(lease).healthy = false;  // e.g. a timeout left the stream out of step
  }
  EXPECT_EQ(c.destroyed.load(), 1);
  EXPECT_EQ(pool.stats().idle, 0u);
  EXPECT_EQ(pool.stats().open, 0u);
  EXPECT_EQ(c.logouts_sent.load(), 0);
  EXPECT_FALSE(MustAcquire(pool, Account("alice")).reused());
}

TEST(ImapSessionPool, AnIdleSessionTheServerClosedIsReplaced) {
  Counters c;
  ImapSessionPool pool(kMasterKey, Options(), FakeConnector(&c));
  {
    ImapLease lease = MustAcquire(pool, Account("alice"));
    Fake(lease).alive = false;  // kicked or auto-logged-out while idle: found when taken again
  }
  ImapLease lease = MustAcquire(pool, Account("alice"));
  EXPECT_FALSE(lease.reused());
  EXPECT_EQ(c.connects.load(), 2);
  EXPECT_EQ(c.destroyed.load(), 1);
  EXPECT_EQ(pool.stats().open, 1u);
}

TEST(ImapSessionPool, AFailedConnectFreesItsSlot) {
  Counters c;
  ImapPoolOptions o = Options();
  o.max_per_account = 1;
  int calls = 0;
  ImapSessionPool pool(kMasterKey, o,
                       [&](const MailAccount& a, const MailConnectOptions&) -> StatusOr<std::unique_ptr<ImapSession>> {
                         if (++calls == 1) return Status::Unauthenticated("login failed");
                         return std::unique_ptr<ImapSession>(std::make_unique<FakeSession>(a, &c));
                       });
  auto failed = pool.Acquire(Account("alice"), MailConnectOptions{});
  EXPECT_EQ(failed.status().code(), Status::Code::kUnauthenticated);
  EXPECT_EQ(pool.stats().open, 0u);
  EXPECT_OK(pool.Acquire(Account("alice"), MailConnectOptions{}));
}

TEST(ImapSessionPool, ADonatedLoginServesTheFirstCall) {
  Counters c;
  ImapSessionPool pool(kMasterKey, Options(), FakeConnector(&c));
  pool.Donate(Account("alice"), std::make_unique<FakeSession>(Account("alice"), &c));
  EXPECT_EQ(pool.stats().idle, 1u);
  EXPECT_TRUE(MustAcquire(pool, Account("alice")).reused());
  EXPECT_EQ(c.connects.load(), 0);
}

TEST(ImapSessionPool, ShutdownLogsOutEveryIdleSessionAndRefusesNewCalls) {
  Counters c;
  ImapSessionPool pool(kMasterKey, Options(), FakeConnector(&c));
  {
    ImapLease a = MustAcquire(pool, Account("alice"));
    ImapLease b = MustAcquire(pool, Account("alice"));
    ImapLease d = MustAcquire(pool, Account("dave"));
  }
  EXPECT_EQ(pool.Shutdown(1s), 3u);
  EXPECT_EQ(c.logouts_sent.load(), 3);
  EXPECT_EQ(c.logouts_awaited.load(), 3);
  EXPECT_EQ(c.destroyed.load(), 3);
  auto late = pool.Acquire(Account("alice"), MailConnectOptions{});
  EXPECT_EQ(late.status().code(), Status::Code::kUnavailable);
}

TEST(ImapSessionPool, ASessionGivenBackDuringShutdownIsLoggedOutAtOnce) {
  Counters c;
  ImapSessionPool pool(kMasterKey, Options(), FakeConnector(&c));
  ImapLease lease = MustAcquire(pool, Account("alice"));
  pool.Shutdown(1s);
  lease = ImapLease();
  EXPECT_EQ(c.destroyed.load(), 1);
  EXPECT_EQ(pool.stats().open, 0u);
}

TEST(ImapSessionPool, ManyThreadsNeverExceedTheCap) {
  Counters c;
  ImapPoolOptions o = Options();
  o.max_per_account = 3;
  o.wait_ms = 5000;
  ImapSessionPool pool(kMasterKey, o, FakeConnector(&c));
  std::atomic<int> in_use{0}, peak{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto lease = pool.Acquire(Account("alice"), MailConnectOptions{});
        if (!lease.ok()) {
          ++failures;
          continue;
        }
        int now = ++in_use;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();
        --in_use;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(peak.load(), 3);
  EXPECT_LE(c.connects.load(), 3);
}
