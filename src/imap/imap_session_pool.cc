#include "imap/imap_session_pool.h"

#include <utility>

#include "crypto/sha256.h"

namespace mail_mcp {
namespace {

/// How long a LOGOUT may wait for its reply outside shutdown (the closer thread's own time only).
constexpr auto kLogoutWait = std::chrono::seconds(2);

/// A field of the account key, length-prefixed so that no two accounts frame to the same bytes.
void AppendField(std::string* out, std::string_view field) {
  *out += std::to_string(field.size());
  *out += ':';
  out->append(field.data(), field.size());
}

StatusOr<std::unique_ptr<ImapSession>> ConnectNew(const MailAccount& account, const MailConnectOptions& options) {
  auto session = std::make_unique<ImapSession>(account, options);
  if (Status s = session->Connect(); !s.ok()) return s;
  return session;
}

}  // namespace

ImapLease::ImapLease(ImapSessionPool* pool, std::string key, std::unique_ptr<ImapSession> session,
                     Clock::time_point born, bool reused)
    : pool_(pool), key_(std::move(key)), session_(std::move(session)), born_(born), reused_(reused) {}

ImapLease::ImapLease(ImapLease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      key_(std::move(other.key_)),
      session_(std::move(other.session_)),
      born_(other.born_),
      reused_(other.reused_) {}

ImapLease& ImapLease::operator=(ImapLease&& other) noexcept {
  if (this != &other) {
    Return();
    pool_ = std::exchange(other.pool_, nullptr);
    key_ = std::move(other.key_);
    session_ = std::move(other.session_);
    born_ = other.born_;
    reused_ = other.reused_;
  }
  return *this;
}

ImapLease::~ImapLease() { Return(); }

void ImapLease::Return() {
  if (!session_) return;
  if (pool_) pool_->Release(key_, std::move(session_), born_);
  session_.reset();  // not pooled: the destructor logs out
}

ImapSessionPool::ImapSessionPool(std::string_view master_key, ImapPoolOptions options, Connector connector)
    : key_(DeriveKey(master_key, "imap session pool")),
      options_(options),
      connector_(connector ? std::move(connector) : Connector(ConnectNew)),
      closer_([this] { CloserLoop(); }) {}

ImapSessionPool::~ImapSessionPool() {
  bool stopped = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped = stopped_;
  }
  if (!stopped) Shutdown(kLogoutWait);
}

std::string ImapSessionPool::KeyFor(const MailAccount& account) const {
  const MailServers& s = account.servers;
  std::string fields = "imap\n";
  AppendField(&fields, s.imap_host);
  AppendField(&fields, std::to_string(s.imap_port));
  AppendField(&fields, s.imap_ssl ? "tls" : "starttls");
  AppendField(&fields, account.imap_username);
  AppendField(&fields, account.imap_password);
  AppendField(&fields, account.bearer_token);
  return HmacSha256(key_, fields);
}

StatusOr<ImapLease> ImapSessionPool::Unpooled(const MailAccount& account, const MailConnectOptions& options) {
  auto session = ConnectNew(account, options);
  if (!session.ok()) return session.status();
  return ImapLease(nullptr, "", std::move(*session), Clock::now(), false);
}

StatusOr<ImapLease> ImapSessionPool::Acquire(const MailAccount& account, const MailConnectOptions& options,
                                             std::string_view mailbox) {
  const std::string key = KeyFor(account);
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(options_.wait_ms);
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    if (stopping_) return Status::Unavailable("the server is shutting down");
    /// The most recently given back session of this account, or better, one with `mailbox` selected.
    auto found = idle_.end();
    for (auto it = idle_.end(); it != idle_.begin();) {
      --it;
      if (it->key != key) continue;
      if (found == idle_.end()) found = it;
      const MailboxState* selected = it->session->selected();
      if (mailbox.empty() || (selected && selected->name == mailbox)) {
        found = it;
        break;
      }
    }
    if (found != idle_.end() && TooOld(found->born, Clock::now())) {
      Retire(found);  // logged out in the background; look again
      continue;
    }
    if (found != idle_.end()) {
      std::unique_ptr<ImapSession> session = std::move(found->session);
      const Clock::time_point born = found->born;
      idle_.erase(found);
      lock.unlock();
      /// A server that closed the connection meanwhile (autologout, restart, an administrator's
      /// kick) has said so on the socket: drop that session, without a round trip, and look again.
      if (!session->StillAlive()) {
        session.reset();
        lock.lock();
        Forget(key);
        continue;
      }
      session->BeginReuse(options);
      lock.lock();
      ++reused_;
      return ImapLease(this, key, std::move(session), born, true);
    }
    int& open = open_[key];
    if (open < options_.max_per_account) {
      ++open;
      lock.unlock();
      const Clock::time_point born = Clock::now();
      auto made = connector_(account, options);
      lock.lock();
      if (!made.ok()) {
        Forget(key);
        return made.status();
      }
      ++created_;
      return ImapLease(this, key, std::move(*made), born, false);
    }
    if (Clock::now() >= deadline) {
      return Status::ResourceExhausted("too many requests at once for this mailbox: all " +
                                       std::to_string(options_.max_per_account) +
                                       " IMAP connections allowed per account stayed busy for " +
                                       std::to_string(options_.wait_ms) + " ms (IMAP_POOL_MAX_PER_ACCOUNT); try again");
    }
    ++waiting_;
    returned_.wait_until(lock, deadline);
    --waiting_;
  }
}

void ImapSessionPool::Donate(const MailAccount& account, std::unique_ptr<ImapSession> session) {
  const std::string key = KeyFor(account);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    int& open = open_[key];
    if (stopping_ || open >= options_.max_per_account) {
      if (open == 0) open_.erase(key);
      if (stopping_) return;  // the session logs out as it goes (below, on this thread)
      closing_.push_back(std::move(session));
      wake_.notify_one();
      return;
    }
    ++open;
  }
  Release(key, std::move(session), Clock::now());
}

bool ImapSessionPool::TooOld(Clock::time_point born, Clock::time_point now) const {
  return now - born >= std::chrono::seconds(options_.max_age_seconds);
}

void ImapSessionPool::Release(const std::string& key, std::unique_ptr<ImapSession> session, Clock::time_point born) {
  const Clock::time_point now = Clock::now();
  const bool healthy = session->reusable();
  const bool keep = healthy && options_.max_idle > 0 && !TooOld(born, now);
  if (keep) session->EndUse();
  std::unique_lock<std::mutex> lock(mutex_);
  if (!keep || stopping_) {
    Forget(key);
    if (healthy && !stopping_) {
      closing_.push_back(std::move(session));  // not kept: LOGOUT off the request path
      wake_.notify_one();
      return;
    }
    /// Broken (nothing to log out of: the destructor only cuts the connection), or shutting down
    /// (this call's thread is the last user of its session).
    lock.unlock();
    session.reset();
    return;
  }
  /// The closer needs no wake-up for this one: it sleeps at most an idle period, so it looks again
  /// before this session is due (a wake-up per call cost a context switch per call).
  idle_.push_back(Idle{key, std::move(session), born, now});
  if (idle_.size() > size_t(options_.max_idle)) Retire(idle_.begin());
  if (waiting_ > 0) returned_.notify_all();
}

void ImapSessionPool::Retire(std::list<Idle>::iterator it) {
  closing_.push_back(std::move(it->session));
  Forget(it->key);
  idle_.erase(it);
  wake_.notify_one();
}

void ImapSessionPool::Forget(const std::string& key) {
  auto it = open_.find(key);
  if (it != open_.end() && --it->second <= 0) open_.erase(it);
  if (waiting_ > 0) returned_.notify_all();
}

void ImapSessionPool::LogOutAll(std::vector<std::unique_ptr<ImapSession>>& sessions, Clock::time_point deadline) {
  /// Every LOGOUT first, then the replies: the whole batch costs one round trip, not one each.
  for (auto& s : sessions) s->SendLogout();
  for (auto& s : sessions) s->AwaitLogout(deadline);
  sessions.clear();
}

void ImapSessionPool::CloserLoop() {
  const auto idle_time = std::chrono::seconds(options_.idle_seconds);
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    const Clock::time_point now = Clock::now();
    while (!idle_.empty() && idle_.front().since + idle_time <= now) Retire(idle_.begin());
    if (!closing_.empty()) {
      std::vector<std::unique_ptr<ImapSession>> batch = std::move(closing_);
      closing_.clear();
      const Clock::time_point deadline = stopping_ ? shutdown_deadline_ : now + kLogoutWait;
      size_t healthy = 0;
      for (const auto& s : batch) healthy += s->reusable() ? 1 : 0;
      lock.unlock();
      LogOutAll(batch, deadline);
      lock.lock();
      if (stopping_) logged_out_at_shutdown_ += healthy;
      continue;
    }
    if (stopping_) return;
    /// Sessions given back meanwhile expire no sooner than an idle period from now.
    if (idle_.empty()) wake_.wait_for(lock, idle_time);
    else wake_.wait_until(lock, idle_.front().since + idle_time);
  }
}

size_t ImapSessionPool::Shutdown(std::chrono::milliseconds timeout) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return 0;
    stopped_ = stopping_ = true;
    shutdown_deadline_ = Clock::now() + timeout;
    while (!idle_.empty()) Retire(idle_.begin());
    returned_.notify_all();
    wake_.notify_one();
  }
  closer_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  return logged_out_at_shutdown_;
}

ImapSessionPool::Stats ImapSessionPool::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Stats s;
  s.idle = idle_.size();
  for (const auto& [key, n] : open_) s.open += size_t(n);
  s.created = created_;
  s.reused = reused_;
  return s;
}

}  // namespace mail_mcp
