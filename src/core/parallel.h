// parallel.h — a small pool of worker threads for the command-line batch path: a job is "call f(i, w)
// for every i in [0, n)", shared out one index at a time, w being the caller's slot (0 for the thread
// that started the job, 1..threads-1 for the workers) so each can keep its own work space. The page
// never makes one (its WebAssembly has no threads); with threads <= 1 no thread is started and
// finish() does all the work itself. Layer: core.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ae {

class WorkerPool {
 public:
  explicit WorkerPool(int threads) : threads_(threads < 1 ? 1 : threads) {
    for (int w = 1; w < threads_; ++w) workers_.emplace_back([this, w] { work(w); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return threads_; }

  // Hands out f(0..n-1) to the workers and returns at once; the caller may do other work, then must
  // call finish() before starting another job.
  void start(size_t n, std::function<void(size_t, int)> f) {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = std::move(f);
    n_ = n;
    next_.store(0);
    done_ = 0;
    ++generation_;
    wake_.notify_all();
  }
  // Takes the job's remaining indices on this thread, then waits until every index is done and every
  // worker has left the job.
  void finish() {
    size_t mine = 0;
    for (size_t i; (i = next_.fetch_add(1)) < n_;) {
      job_(i, 0);
      ++mine;
    }
    std::unique_lock<std::mutex> lock(mu_);
    done_ += mine;
    idle_.wait(lock, [this] { return done_ >= n_ && active_ == 0; });
    job_ = nullptr;
  }

 private:
  void work(int w) {
    uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      if (!job_) continue;
      const std::function<void(size_t, int)> job = job_;
      const size_t n = n_;
      ++active_;
      lock.unlock();
      size_t mine = 0;
      for (size_t i; (i = next_.fetch_add(1)) < n;) {
        job(i, w);
        ++mine;
      }
      lock.lock();
      done_ += mine;
      --active_;
      idle_.notify_all();
    }
  }

  const int threads_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable wake_, idle_;
  std::function<void(size_t, int)> job_;
  size_t n_ = 0;
  std::atomic<size_t> next_{0};
  size_t done_ = 0;
  int active_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
};

}  // namespace ae
