#include "http/worker_pool.h"

namespace mail_mcp {

WorkerPool::WorkerPool(size_t workers, size_t fast_only) {
  for (size_t i = 0; i < workers + fast_only; ++i) threads_.emplace_back([this, fast = i >= workers] { Work(fast); });
}

WorkerPool::~WorkerPool() { Shutdown(); }

void WorkerPool::Submit(std::function<void()> job, bool fast) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    (fast ? fast_ : normal_).push_back(std::move(job));
  }
  wake_.notify_one();
  if (fast) wake_fast_.notify_one();  // whichever worker comes first takes it; the other sleeps on
}

void WorkerPool::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  wake_fast_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void WorkerPool::Work(bool fast_only) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    (fast_only ? wake_fast_ : wake_).wait(lock, [&] {
      return stopping_ || !fast_.empty() || (!fast_only && !normal_.empty());
    });
    std::function<void()> job;
    if (!fast_.empty()) {
      job = std::move(fast_.front());
      fast_.pop_front();
    } else if (!fast_only && !normal_.empty()) {
      job = std::move(normal_.front());
      normal_.pop_front();
    } else if (stopping_) {
      return;
    } else {
      continue;
    }
    lock.unlock();
    job();
    job = nullptr;  // destroy what it captured outside the lock
    lock.lock();
  }
}

}  // namespace mail_mcp
