// The connection loop: one thread that owns every client connection while no worker needs it.
//
// cpp-httplib on its own gives each connection a worker thread for the connection's whole life: an
// idle kept-alive connection, or a client sending one header byte per second, holds a worker, and
// 64 of them starve everyone (issue 20, items 13 and 16). Here one epoll thread accepts, waits on
// idle connections, and reads each request whole — head within a total deadline from its first
// byte, then body within its own total deadline — and only then hands the connection to a worker,
// which answers that one request from memory and gives the connection back. So a worker never waits
// for a client, and slow or idle clients cost a file descriptor and their bytes, not a thread.
//
// Limits: at most `max_per_client` open connections per peer address (peers in `uncapped`, the
// trusted proxies, are not counted); at most `max_connections` in all (the oldest idle one is closed
// to make room, else the newcomer gets 503); a head of at most `max_head_bytes`; at most
// `max_body_bytes` per body and `body_budget_bytes` of bodies buffered at once (a connection over
// budget is not read until others finish, within its deadline). Refusals are written here (408, 413,
// 400, 429, 503) and the connection closed.
//
// Thread-safety: Run() on one thread; Stop() and Finished() from any thread. While a connection is
// with a worker, only that worker touches it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/request_framing.h"
#include "util/ip_address.h"

namespace mail_mcp {

using SteadyTime = std::chrono::steady_clock::time_point;

/// One client connection. The loop fills `buffer` with at least one whole request before a worker
/// sees it.
struct Connection {
  int fd = -1;
  std::string peer;  // numeric peer address (IPv4-mapped addresses printed as IPv4)
  int peer_port = 0;
  std::string local;
  int local_port = 0;
  bool capped = true;  // counted against max_per_client
  /// Bytes received and not yet consumed; starts with the current request.
  std::string buffer;
  RequestHead head;
  /// Size of the current request (head and body) at the front of `buffer`.
  size_t request_bytes = 0;
  /// The loop sent "100 Continue" for this request (the worker must not send it again).
  bool sent_continue = false;
  int requests = 0;

  // Loop-private state.
  enum class State { kIdle, kHead, kBody, kWorking } state = State::kHead;
  SteadyTime deadline;
  size_t budgeted = 0;  // body bytes counted against the loop's budget
  bool armed = false;   // registered with epoll
  bool waiting_for_budget = false;
  std::list<Connection*>::iterator idle_position;
  bool in_idle_list = false;
};

struct ConnectionLoopOptions {
  int listen_fd = -1;
  size_t max_connections = 1024;
  size_t max_per_client = 512;
  std::vector<IpNetwork> uncapped;
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds body_timeout{30000};
  std::chrono::milliseconds idle_timeout{60000};
  size_t max_head_bytes = 64 * 1024;
  size_t max_body_bytes = 2 << 20;
  size_t body_budget_bytes = 64 << 20;
};

class ConnectionLoop {
 public:
  /// Called on the loop thread with a connection whose buffer holds a whole request; it must pass
  /// the connection to a worker that calls Finished() when done.
  using Dispatch = std::function<void(Connection*)>;
  /// Called on the loop thread for each refusal the loop answers itself (status, reason).
  using RefusalLog = std::function<void(const Connection&, int status, const char* reason)>;

  ConnectionLoop(ConnectionLoopOptions options, Dispatch dispatch, RefusalLog log);
  ~ConnectionLoop();
  ConnectionLoop(const ConnectionLoop&) = delete;
  ConnectionLoop& operator=(const ConnectionLoop&) = delete;

  /// Serves until Stop(), then closes idle connections, waits for those with workers, and returns.
  void Run();
  /// Stops accepting; requests already being read are dropped, those with workers finish.
  void Stop();
  /// A worker is done with `c`: `keep_alive` gives it back for the next request (its buffer may
  /// already hold one), otherwise it is closed.
  void Finished(Connection* c, bool keep_alive);

  /// Open connections (for tests and the log).
  size_t open_connections() const { return open_.load(); }

 private:
  /// Accepts every pending connection; false when out of file descriptors with nothing idle to close.
  bool Accept();
  void OnReadable(Connection* c);
  /// Moves `c` on as far as its buffer allows: dispatches a whole request, waits for more, or
  /// refuses. Returns false when `c` was closed.
  bool Advance(Connection* c);
  void Refuse(Connection* c, int status, const char* reason);
  void Close(Connection* c);
  void Arm(Connection* c);
  void ExpireDeadlines();
  void TakeFinished();
  /// Lets connections that waited for body budget go on, while it lasts.
  void ResumeWaiting();
  void MakeIdle(Connection* c);
  void LeaveIdle(Connection* c);
  bool EvictOldestIdle();

  ConnectionLoopOptions options_;
  Dispatch dispatch_;
  RefusalLog log_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: Stop() and Finished() wake the loop
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> open_{0};
  std::unordered_map<Connection*, std::unique_ptr<Connection>> connections_;
  std::unordered_map<std::string, size_t> per_client_;
  std::list<Connection*> idle_;  // oldest first
  size_t budget_used_ = 0;
  size_t waiting_for_budget_ = 0;  // connections with a head whose body waits for budget

  std::mutex finished_mutex_;
  std::vector<std::pair<Connection*, bool>> finished_;
};

}  // namespace mail_mcp
