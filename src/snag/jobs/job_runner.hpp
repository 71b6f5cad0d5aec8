#pragma once
// Runs background jobs on this node: leases due jobs from the store's queue, runs each with
// the handler of its kind, and completes or fails it. Any number of nodes run one each; the
// queue's leases make every job run on one node at a time.
//
// Exactly once: a handler that writes does so through JobContext::complete_with, whose work
// completes the job in the same transaction. If the lease was lost meanwhile (the node was too
// slow and another took the job), the completion fails and the handler's writes roll back
// with it, so a job's effects land once even when it runs twice. A node that dies mid-job
// commits nothing; its lease expires and another node runs the job.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>

namespace snag {

class JobContext {
 public:
  JobContext(Store& store, const Job& job, Timestamp now) : m_store(store), m_job(job), m_now(now) {}

  Store& store() { return m_store; }
  Timestamp now() const { return m_now; }
  // Runs `work` and completes the job in one transaction; conflict when the lease was lost
  // (then nothing of `work` is kept).
  Result<void> complete_with(const WriteWork& work);
  bool completed() const { return m_completed; }

 private:
  Store& m_store;
  const Job& m_job;
  Timestamp m_now;
  bool m_completed = false;
};

// An error makes the job retry later (with backoff) until it runs out of attempts.
using JobHandler = std::function<Result<void>(const Job&, JobContext&)>;

struct JobRunnerSettings {
  std::string node;  // names this node in the jobs table
  std::chrono::milliseconds lease_for{30000};
  std::chrono::milliseconds poll_every{1000};  // when the queue was empty
  std::size_t batch = 16;                       // jobs leased at once, per thread
  // Threads that lease and run jobs; several let one node's job writes share commits.
  std::size_t threads = 1;
};

// The wait before attempt `attempt` + 1 of a failed job: 2^attempt seconds, at most 10 minutes.
std::chrono::milliseconds retry_backoff(int attempt);

// Thread-safe. Starts its threads in the constructor; the destructor lets the running jobs
// finish and stops.
class JobRunner {
 public:
  JobRunner(Store& store, const Clock& clock, JobRunnerSettings settings, std::map<std::string, JobHandler> handlers);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Looks at the queue now instead of at the next poll (say, after a commit enqueued a job).
  void wake();

 private:
  void run();
  // Leases and runs one batch; the number of jobs leased.
  std::size_t run_batch();
  void run_job(const Job& job);

  Store& m_store;
  const Clock& m_clock;
  const JobRunnerSettings m_settings;
  const std::map<std::string, JobHandler> m_handlers;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_woken = false;    // guarded by m_mutex
  bool m_stopping = false;  // guarded by m_mutex
  std::vector<std::thread> m_threads;  // last: start once everything above is initialised
};

}  // namespace snag
