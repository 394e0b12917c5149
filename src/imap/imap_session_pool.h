// ImapSessionPool: logged-in IMAP sessions kept between MCP calls, per account.
//
// Connecting, TLS and LOGIN were two thirds of a call's time on a local server, and against a real
// provider each of their round trips costs 20-100 ms. So a call borrows a session of its account
// (Acquire), uses it and gives it back (the ImapLease's destructor); the next call of the same
// account finds it logged in, usually with its mailbox still selected (ImapSession::OpenMailbox
// re-uses the selection, with a NOOP riding along with the next command).
//
// Accounts are told apart by a key: HMAC-SHA-256, under a key derived from ENCRYPTION_KEY, of the
// IMAP host, port, TLS mode, username and password. A session is never handed to a call made with
// other credentials, and a changed password is another account. The pool's bookkeeping holds no
// credentials (the sessions do, as long as they live).
//
// Bounds (ImapPoolOptions, from Config): at most max_per_account sessions per account, in use and
// idle together (servers limit connections per user: Gmail 15, Dovecot 10 per user and address by
// default); a call beyond that waits up to wait_ms for one to come back, then fails with
// ResourceExhausted. At most max_idle idle sessions in all, the least recently used closed first
// (0 turns pooling off); an idle session is closed after idle_seconds, well before a server's
// autologout (30 minutes at least, RFC 3501 §5.4). A session is used for max_age_seconds after its
// login at most: a server keeps a logged-in session working after the password changes, and users
// revoke our access by changing it, so the next login must come soon after.
//
// Closing a healthy session (LOGOUT, then waiting for the reply) never happens on a request's
// thread: a background thread closes expired and evicted sessions. A broken session (BYE, timeout,
// closed socket, stream error) is never pooled, only cut off; one found dead when taken from the
// pool is dropped and the next is tried. Shutdown() logs every idle session out, all at once.
//
// Thread-safety: every method may be called from any thread. A lease, and the session in it, is
// used by one thread at a time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "imap/imap_session.h"
#include "net/mail_account.h"
#include "util/status.h"

namespace mail_mcp {

/// The pool's bounds; Config fills them from IMAP_POOL_*, where the defaults live.
struct ImapPoolOptions {
  int max_per_account = 0;  // sessions per account, in use and idle
  int max_idle = 0;         // idle sessions in total; 0: no pooling
  int idle_seconds = 0;     // an idle session is closed after this long
  int max_age_seconds = 0;  // no session is handed out longer than this after its login
  int wait_ms = 0;          // how long a call waits for a session of a busy account
};

class ImapSessionPool;

/// One session lent to one call. Given back when the lease is destroyed: to the pool when the
/// session is still usable, otherwise closed. Move-only.
class ImapLease {
 public:
  ImapLease() = default;
  ImapLease(ImapLease&& other) noexcept;
  ImapLease& operator=(ImapLease&& other) noexcept;
  ~ImapLease();

  explicit operator bool() const { return session_ != nullptr; }
  ImapSession& operator*() const { return *session_; }
  ImapSession* operator->() const { return session_.get(); }
  /// True when the session came idle from the pool rather than from a new connection.
  bool reused() const { return reused_; }

 private:
  friend class ImapSessionPool;
  using Clock = std::chrono::steady_clock;
  ImapLease(ImapSessionPool* pool, std::string key, std::unique_ptr<ImapSession> session, Clock::time_point born,
            bool reused);
  void Return();

  ImapSessionPool* pool_ = nullptr;  // null: not pooled, the session is closed when given back
  std::string key_;
  std::unique_ptr<ImapSession> session_;
  Clock::time_point born_{};  // its login
  bool reused_ = false;
};

class ImapSessionPool {
 public:
  /// Makes a new logged-in session (the default connects an ImapSession); tests stand in fakes.
  using Connector =
      std::function<StatusOr<std::unique_ptr<ImapSession>>(const MailAccount&, const MailConnectOptions&)>;

  /// `master_key` is ENCRYPTION_KEY (the account keys are HMACs under a key derived from it).
  ImapSessionPool(std::string_view master_key, ImapPoolOptions options, Connector connector = nullptr);
  /// Shutdown() with a short deadline, if it was not called.
  ~ImapSessionPool();
  ImapSessionPool(const ImapSessionPool&) = delete;
  ImapSessionPool& operator=(const ImapSessionPool&) = delete;

  /// A logged-in session of `account`: an idle one (preferring one that has `mailbox` selected),
  /// else a new one. Connecting fails as ImapSession::Connect does; a busy account (all its
  /// sessions in use) fails with ResourceExhausted after wait_ms; after Shutdown, Unavailable.
  StatusOr<ImapLease> Acquire(const MailAccount& account, const MailConnectOptions& options,
                              std::string_view mailbox = {});

  /// Keeps a session that the caller connected itself (the login form's check, which must prove
  /// the password with a fresh login) for the account's first call; it is logged out instead
  /// (off this thread) when the account has no room.
  void Donate(const MailAccount& account, std::unique_ptr<ImapSession> session);

  /// A lease on a new session that no pool keeps: it is logged out when given back.
  static StatusOr<ImapLease> Unpooled(const MailAccount& account, const MailConnectOptions& options);

  /// Logs out every idle session (all LOGOUTs sent at once, replies awaited until `timeout`), and
  /// from then on every session given back; Acquire fails. Returns how many were logged out.
  size_t Shutdown(std::chrono::milliseconds timeout);

  struct Stats {
    size_t idle = 0;       // sessions waiting in the pool
    size_t open = 0;       // sessions in use or idle
    uint64_t created = 0;  // new sessions (logins)
    uint64_t reused = 0;   // calls served by an idle session
  };
  Stats stats() const;

  /// The key that tells `account` apart (HMAC of host, port, TLS mode, username, password and bearer
  /// token: a renewed provider token logs in anew).
  std::string KeyFor(const MailAccount& account) const;

 private:
  friend class ImapLease;
  using Clock = std::chrono::steady_clock;
  struct Idle {
    std::string key;
    std::unique_ptr<ImapSession> session;
    Clock::time_point born;   // its login
    Clock::time_point since;  // given back
  };

  void Release(const std::string& key, std::unique_ptr<ImapSession> session, Clock::time_point born);
  bool TooOld(Clock::time_point born, Clock::time_point now) const;
  /// Moves an idle session to the closing queue (caller holds mutex_).
  void Retire(std::list<Idle>::iterator it);
  void Forget(const std::string& key);  // one session of `key` less (caller holds mutex_)
  void CloserLoop();
  static void LogOutAll(std::vector<std::unique_ptr<ImapSession>>& sessions, Clock::time_point deadline);

  const std::string key_;
  const ImapPoolOptions options_;
  const Connector connector_;

  mutable std::mutex mutex_;
  std::condition_variable returned_;           // a session came back or a slot was freed: waiting calls retry
  int waiting_ = 0;                            // calls waiting on returned_ (no notify without one)
  std::condition_variable wake_;               // the closer has sessions to close, or the pool stops
  std::list<Idle> idle_;                       // least recently given back first
  std::unordered_map<std::string, int> open_;  // per account key: sessions in use or idle
  std::vector<std::unique_ptr<ImapSession>> closing_;
  bool stopping_ = false;
  bool stopped_ = false;
  size_t logged_out_at_shutdown_ = 0;
  Clock::time_point shutdown_deadline_{};
  uint64_t created_ = 0, reused_ = 0;
  std::thread closer_;  // last: started after the members it uses
};

}  // namespace mail_mcp
