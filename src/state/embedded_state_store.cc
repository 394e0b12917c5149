#include "state/embedded_state_store.h"

#include <algorithm>
#include <iostream>

namespace mail_mcp {

StatusOr<std::unique_ptr<EmbeddedStateStore>> EmbeddedStateStore::Open(const std::string& dir,
                                                                       std::function<int64_t()> clock,
                                                                       EmbeddedLimits limits) {
  std::unique_ptr<EmbeddedStateStore> store(new EmbeddedStateStore(std::move(clock), limits));
  if (dir.empty()) return store;
  std::vector<JournalRecord> records;
  size_t skipped = 0;
  auto journal = StateJournal::Open(dir, &records, &skipped);
  if (!journal.ok()) return journal.status();
  if (skipped) std::cerr << "mail_mcp: STATE_DIR: skipped " << skipped << " unreadable journal line(s)\n";
  for (const JournalRecord& r : records) store->Apply(r);
  store->PurgeExpired(store->clock_());
  // Start from a compact journal: expired entries gone, a torn last line replaced.
  store->journal_ = std::move(*journal);
  if (Status s = store->journal_->Rewrite(store->Snapshot()); !s.ok()) return s;
  return store;
}

void EmbeddedStateStore::Apply(const JournalRecord& r) {
  switch (r.kind) {
    case 'c':
      codes_[r.id] = r.expires_at;
      break;
    case 'g': {
      Grant& g = grants_[r.id];
      if (!g.revoked) g.generation = r.generation;
      g.expires_at = std::max(g.expires_at, r.expires_at);
      break;
    }
    case 'r': {
      Grant& g = grants_[r.id];
      g.revoked = true;
      g.expires_at = std::max(g.expires_at, r.expires_at);
      break;
    }
  }
}

std::vector<JournalRecord> EmbeddedStateStore::Snapshot() const {
  std::vector<JournalRecord> out;
  out.reserve(codes_.size() + grants_.size());
  for (const auto& [id, expires] : codes_) out.push_back({'c', id, 0, expires});
  for (const auto& [id, g] : grants_) out.push_back({g.revoked ? 'r' : 'g', id, g.generation, g.expires_at});
  return out;
}

Status EmbeddedStateStore::Persist(const JournalRecord& r) {
  if (!journal_) return Status::OK();
  return journal_->Append(r);
}

void EmbeddedStateStore::CompactIfMostlyDead() {
  // Rewriting costs a pass over the live entries; doing it only when the dead outnumber them keeps
  // that cost at most proportional to the appends.
  if (!journal_ || journal_->lines() <= 2 * (codes_.size() + grants_.size()) + 1024) return;
  PurgeExpired(clock_());
  // The records are already durable in the old journal, so a failed rewrite loses nothing.
  if (Status s = journal_->Rewrite(Snapshot()); !s.ok()) std::cerr << "mail_mcp: " << s.message() << "\n";
}

void EmbeddedStateStore::PurgeExpired(int64_t now) {
  std::erase_if(codes_, [now](const auto& e) { return e.second <= now; });
  std::erase_if(grants_, [now](const auto& e) { return e.second.expires_at <= now; });
  std::erase_if(failures_, [now](const auto& e) { return e.second.ends_at <= now; });
  last_purge_ = now;
}

void EmbeddedStateStore::MakeRoom(bool full, int64_t now) {
  if (full || now - last_purge_ >= 60) PurgeExpired(now);
}

StatusOr<bool> EmbeddedStateStore::UseCode(const std::string& id, int64_t expires_at) {
  if (!IsValidStateId(id)) return Status::InvalidArgument("not a valid code id");
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_();
  MakeRoom(codes_.size() >= limits_.max_codes, now);
  if (auto it = codes_.find(id); it != codes_.end() && it->second > now) return false;
  if (codes_.size() >= limits_.max_codes) return Status::ResourceExhausted("too many codes in use at once");
  JournalRecord r{'c', id, 0, expires_at};
  if (Status s = Persist(r); !s.ok()) return s;
  codes_[id] = expires_at;
  CompactIfMostlyDead();
  return true;
}

StatusOr<FailureWindow> EmbeddedStateStore::LoginFailures(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_();
  auto it = failures_.find(key);
  if (it == failures_.end() || it->second.ends_at <= now) {
    // A key we could not count (the table is full of live windows) must not be a free pass.
    if (failures_.size() >= limits_.max_failure_keys) {
      MakeRoom(true, now);
      if (failures_.size() >= limits_.max_failure_keys)
        return Status::ResourceExhausted("too many failed sign-ins being counted");
    }
    return FailureWindow{};
  }
  return FailureWindow{it->second.count, it->second.ends_at - now};
}

StatusOr<FailureWindow> EmbeddedStateStore::AddLoginFailure(const std::string& key, int64_t window_seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_();
  MakeRoom(failures_.size() >= limits_.max_failure_keys, now);
  auto it = failures_.find(key);
  if (it == failures_.end() || it->second.ends_at <= now) {
    if (it == failures_.end() && failures_.size() >= limits_.max_failure_keys)
      return Status::ResourceExhausted("too many failed sign-ins being counted");
    Failures& f = failures_[key];
    f = Failures{now + window_seconds, 1};
    return FailureWindow{1, window_seconds};
  }
  ++it->second.count;
  return FailureWindow{it->second.count, it->second.ends_at - now};
}

StatusOr<RefreshUse> EmbeddedStateStore::UseRefreshToken(const std::string& grant, int64_t generation,
                                                         int64_t expires_at) {
  if (!IsValidStateId(grant)) return Status::InvalidArgument("not a valid grant id");
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_();
  MakeRoom(grants_.size() >= limits_.max_grants, now);
  auto it = grants_.find(grant);
  const bool known = it != grants_.end() && it->second.expires_at > now;
  if (known && it->second.revoked) return RefreshUse::kRevoked;
  if (known && it->second.generation > generation) {
    // RFC 9700 §4.14.2: a refresh token used twice means one of the two users is not the client;
    // the whole family ends, until its newest token would have expired.
    JournalRecord r{'r', grant, 0, std::max(it->second.expires_at, expires_at)};
    if (Status s = Persist(r); !s.ok()) return s;
    it->second.revoked = true;
    it->second.expires_at = r.expires_at;
    CompactIfMostlyDead();
    return RefreshUse::kReused;
  }
  if (!known && grants_.size() >= limits_.max_grants) return Status::ResourceExhausted("too many grants");
  JournalRecord r{'g', grant, generation + 1, expires_at};
  if (Status s = Persist(r); !s.ok()) return s;
  grants_[grant] = Grant{generation + 1, false, expires_at};
  CompactIfMostlyDead();
  return RefreshUse::kRotated;
}

Status EmbeddedStateStore::RevokeGrant(const std::string& grant, int64_t expires_at) {
  if (!IsValidStateId(grant)) return Status::InvalidArgument("not a valid grant id");
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_();
  MakeRoom(grants_.size() >= limits_.max_grants, now);
  auto it = grants_.find(grant);
  if (it == grants_.end() && grants_.size() >= limits_.max_grants) return Status::ResourceExhausted("too many grants");
  const int64_t until = it == grants_.end() ? expires_at : std::max(it->second.expires_at, expires_at);
  JournalRecord r{'r', grant, 0, until};
  if (Status s = Persist(r); !s.ok()) return s;
  Grant& g = grants_[grant];
  g.revoked = true;
  g.expires_at = until;
  CompactIfMostlyDead();
  return Status::OK();
}

bool EmbeddedStateStore::IsGrantRevoked(const std::string& grant) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = grants_.find(grant);
  return it != grants_.end() && it->second.revoked && it->second.expires_at > clock_();
}

size_t EmbeddedStateStore::codes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return codes_.size();
}

size_t EmbeddedStateStore::grants() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return grants_.size();
}

}  // namespace mail_mcp
