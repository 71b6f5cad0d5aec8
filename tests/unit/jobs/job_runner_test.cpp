// One node's runner: handlers by kind, completion, retries, and effects that land with the
// completion or not at all.

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <test_database.hpp>

#include "job_fixtures.hpp"

#include <snag/jobs/job_runner.hpp>

namespace snag {
namespace job_runner_test {

using testing::count_rows;
using testing::TestDatabase;
using namespace std::chrono_literals;

void enqueue(Store& store, const std::string& kind, int count, int max_attempts = 5) {
  SystemClock clock;
  ASSERT_TRUE(store.write([&](WriteTransaction& tx) -> Result<void> {
    for (int i = 0; i < count; ++i) {
      NewJob job;
      job.kind = kind;
      job.run_at = clock.now();
      job.max_attempts = max_attempts;
      if (auto enqueued = tx.enqueue_job(job, clock.now()); !enqueued) return tl::unexpected(enqueued.error());
    }
    return {};
  }));
}

// Waits up to 30 s for `done`.
template <class Condition>
bool eventually(Condition done) {
  for (int i = 0; i < 600; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

JobRunnerSettings fast_settings() {
  JobRunnerSettings settings;
  settings.node = "test-node";
  settings.poll_every = 20ms;
  settings.lease_for = 10s;
  return settings;
}

TEST(JobRunner, RunsEachJobWithTheHandlerOfItsKindAndCompletesIt) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const TicketId ticket = testing::ticket_for_jobs(*store);
  enqueue(*store, "comment", 20);
  SystemClock clock;
  std::atomic<int> runs{0};
  JobRunner runner(*store, clock, fast_settings(),
                   {{"comment", [&](const Job& job, JobContext& context) {
                       ++runs;
                       return context.complete_with([&](WriteTransaction& tx) -> Result<void> {
                         auto comment = tx.insert_comment(ticket, "jobs", "job " + std::to_string(job.id.value),
                                                          context.now());
                         if (!comment) return tl::unexpected(comment.error());
                         return {};
                       });
                     }}});
  EXPECT_TRUE(eventually([&] { return count_rows(database.url(), "jobs WHERE state = 'done'") == 20; }));
  EXPECT_EQ(runs.load(), 20);
  EXPECT_EQ(count_rows(database.url(), "comments"), 20);
}

TEST(JobRunner, AFailingJobIsRetriedAndAThrowingOneCountsAsFailed) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  enqueue(*store, "flaky", 1);
  enqueue(*store, "throws", 1, 1);
  SystemClock clock;
  std::atomic<int> flaky_runs{0};
  JobRunner runner(*store, clock, fast_settings(),
                   {{"flaky",
                     [&](const Job& job, JobContext&) -> Result<void> {
                       ++flaky_runs;
                       // The first attempt fails; the retry (after a 2 s backoff) succeeds.
                       if (job.attempt == 1) return fail(ErrorCode::unavailable, "the vendor timed out");
                       return {};
                     }},
                    {"throws", [](const Job&, JobContext&) -> Result<void> { throw std::runtime_error("bug"); }}});
  EXPECT_TRUE(eventually([&] { return count_rows(database.url(), "jobs WHERE kind = 'flaky' AND state = 'done'") == 1; }));
  EXPECT_EQ(flaky_runs.load(), 2);
  EXPECT_TRUE(eventually([&] {
    return count_rows(database.url(), "jobs WHERE kind = 'throws' AND state = 'failed' AND last_error LIKE '%bug%'") ==
           1;
  }));
}

TEST(JobRunner, AJobOfAnUnknownKindIsGivenBackForLater) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  enqueue(*store, "from_a_newer_node", 1);
  SystemClock clock;
  {
    JobRunner runner(*store, clock, fast_settings(), {});
    EXPECT_TRUE(eventually([&] {
      return count_rows(database.url(), "jobs WHERE state = 'queued' AND attempts = 1 AND last_error LIKE '%no handler%'") ==
             1;
    }));
  }
}

TEST(JobRunner, WritesOfAJobWhoseLeaseWasLostAreRolledBack) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const TicketId ticket = testing::ticket_for_jobs(*store);
  enqueue(*store, "slow", 1);
  SystemClock clock;
  JobRunnerSettings settings = fast_settings();
  settings.lease_for = 300ms;
  std::atomic<int> runs{0};
  std::atomic<bool> lost{false};
  JobRunner runner(*store, clock, settings,
                   {{"slow", [&](const Job& job, JobContext& context) -> Result<void> {
                       if (++runs == 1) {
                         // Outlive the lease, and let a second node (the thief) take the job
                         // and finish it meanwhile.
                         std::this_thread::sleep_for(400ms);
                         auto stolen = context.store().write([&](WriteTransaction& tx) -> Result<void> {
                           auto leased = tx.lease_jobs(LeaseRequest{"thief", 1, clock.now(), 30s});
                           if (!leased) return tl::unexpected(leased.error());
                           if (leased->size() != 1) return fail(ErrorCode::internal, "nothing to steal");
                           return tx.complete_job(leased->front(), clock.now());
                         });
                         EXPECT_TRUE(stolen) << stolen.error().message;
                       }
                       auto completed = context.complete_with([&](WriteTransaction& tx) -> Result<void> {
                         auto comment = tx.insert_comment(ticket, "jobs", "job " + std::to_string(job.id.value),
                                                          context.now());
                         if (!comment) return tl::unexpected(comment.error());
                         return {};
                       });
                       if (!completed && completed.error().code == ErrorCode::conflict) lost = true;
                       return completed;
                     }}});
  EXPECT_TRUE(eventually([&] { return lost.load(); }));
  EXPECT_EQ(count_rows(database.url(), "comments"), 0) << "the comment went with the lost completion";
  EXPECT_EQ(count_rows(database.url(), "jobs WHERE state = 'done' AND leased_by = 'thief'"), 1);
}

TEST(JobRunner, RetryBackoffDoublesUpToTenMinutes) {
  EXPECT_EQ(retry_backoff(1), 2s);
  EXPECT_EQ(retry_backoff(3), 8s);
  EXPECT_EQ(retry_backoff(12), 10min);
  EXPECT_EQ(retry_backoff(50), 10min);
}

}  // namespace job_runner_test
}  // namespace snag
