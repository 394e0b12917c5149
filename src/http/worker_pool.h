// The HTTP worker threads, with a fast lane that blocked work cannot take over.
//
// Most requests are quick, but a tool call may wait on an IMAP or SMTP server for many seconds, and
// enough of them hold every worker. Requests for cheap routes (health, discovery metadata, CORS
// preflights) go to the fast lane: every worker takes fast jobs first, and `fast_only` extra
// workers take nothing else, so /health answers while all the others wait on mail servers.
//
// Thread-safety: Submit from any thread; Shutdown once (the destructor calls it).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mail_mcp {

class WorkerPool {
 public:
  WorkerPool(size_t workers, size_t fast_only);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Submit(std::function<void()> job, bool fast);
  /// Runs the jobs already queued, then joins every thread.
  void Shutdown();

 private:
  void Work(bool fast_only);

  std::mutex mutex_;
  std::condition_variable wake_;       // every worker but the fast-only ones
  std::condition_variable wake_fast_;  // the fast-only workers
  std::deque<std::function<void()>> fast_, normal_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace mail_mcp
