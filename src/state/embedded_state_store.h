// The default state store: everything in this process, with what must survive a restart (used
// codes, refresh-token generations, revocations) journaled under STATE_DIR (state/state_journal.h).
// Failed-login counters are memory only: a restart forgets them, as it forgets nothing else.
//
// Bounded: at most `max_codes` used codes, `max_grants` grant records and `max_failure_keys`
// failure counters. Entries are dropped once what they guard has expired (a code after its 5
// minutes, a grant after its newest refresh token's expiry, a counter after its window), at most
// once a minute or when a table is full; a table still full of live entries fails closed
// (ResourceExhausted: the token endpoint answers temporarily_unavailable, sign-in waits a window).
// The journal is rewritten from the live entries when it holds more than twice as many lines.
//
// An empty `dir` keeps everything in memory (unit tests).
//
// Thread-safety: all methods are safe to call concurrently (one mutex; journal writes happen under
// it, so they are serialised: each is one short line and one fdatasync).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "state/state_journal.h"
#include "state/state_store.h"

namespace mail_mcp {

struct EmbeddedLimits {
  size_t max_codes = 1'000'000;
  size_t max_grants = 1'000'000;
  size_t max_failure_keys = 100'000;
};

class EmbeddedStateStore : public StateStore {
 public:
  /// Opens (and compacts) the journal under `dir`; `clock` returns Unix seconds.
  static StatusOr<std::unique_ptr<EmbeddedStateStore>> Open(const std::string& dir, std::function<int64_t()> clock,
                                                            EmbeddedLimits limits = {});

  StatusOr<bool> UseCode(const std::string& id, int64_t expires_at) override;
  StatusOr<FailureWindow> LoginFailures(const std::string& key) override;
  StatusOr<FailureWindow> AddLoginFailure(const std::string& key, int64_t window_seconds) override;
  StatusOr<RefreshUse> UseRefreshToken(const std::string& grant, int64_t generation, int64_t expires_at) override;
  Status RevokeGrant(const std::string& grant, int64_t expires_at) override;
  bool IsGrantRevoked(const std::string& grant) override;
  StoreHealth Health() override { return {}; }
  const char* kind() const override { return "embedded"; }

  /// Live entries, for tests: codes, grants, failure keys.
  size_t codes() const;
  size_t grants() const;

 private:
  struct Grant {
    int64_t generation = 0;  // of the newest refresh token
    bool revoked = false;
    int64_t expires_at = 0;
  };
  struct Failures {
    int64_t ends_at = 0;
    int64_t count = 0;
  };

  EmbeddedStateStore(std::function<int64_t()> clock, EmbeddedLimits limits)
      : clock_(std::move(clock)), limits_(limits) {}
  /// Applies one record read from the journal.
  void Apply(const JournalRecord& r);
  /// Journals `r` durably (when there is a journal), before the change is made in memory.
  Status Persist(const JournalRecord& r);
  /// Rewrites the journal from the live entries when it holds more than twice as many lines.
  void CompactIfMostlyDead();
  std::vector<JournalRecord> Snapshot() const;
  void PurgeExpired(int64_t now);
  /// Purges expired entries when a minute has passed since the last purge, or at once when `full`.
  void MakeRoom(bool full, int64_t now);

  std::function<int64_t()> clock_;
  EmbeddedLimits limits_;
  mutable std::mutex mutex_;
  std::unique_ptr<StateJournal> journal_;
  std::unordered_map<std::string, int64_t> codes_;  // id -> expires_at
  std::unordered_map<std::string, Grant> grants_;
  std::unordered_map<std::string, Failures> failures_;
  int64_t last_purge_ = 0;
};

}  // namespace mail_mcp
