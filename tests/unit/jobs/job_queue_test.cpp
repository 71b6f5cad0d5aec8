// The queue's statements: enqueue, lease, complete, fail and lease expiry.

#include <gtest/gtest.h>
#include <test_database.hpp>

namespace snag {
namespace job_queue_test {

using testing::TestDatabase;
using namespace std::chrono_literals;

const Timestamp k_t0 = from_epoch_ms(1'780'000'000'000);

Result<std::optional<JobId>> enqueue(Store& store, NewJob job) {
  std::optional<JobId> id;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    auto enqueued = tx.enqueue_job(job, k_t0);
    if (!enqueued) return tl::unexpected(enqueued.error());
    id = *enqueued;
    return {};
  });
  if (!written) return tl::unexpected(written.error());
  return id;
}

NewJob job_of(std::string kind, Timestamp run_at = k_t0) {
  NewJob job;
  job.kind = std::move(kind);
  job.payload = R"({"n":1})";
  job.run_at = run_at;
  job.max_attempts = 2;
  return job;
}

std::vector<Job> lease(Store& store, const std::string& node, Timestamp now, std::size_t max = 10,
                       std::chrono::milliseconds lease_for = 30s) {
  std::vector<Job> jobs;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    auto leased = tx.lease_jobs(LeaseRequest{node, max, now, lease_for});
    if (!leased) return tl::unexpected(leased.error());
    jobs = std::move(*leased);
    return {};
  });
  EXPECT_TRUE(written) << written.error().message;
  return jobs;
}

TEST(JobQueue, ADueJobIsLeasedOnceAndCompletedByItsHolder) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(enqueue(*store, job_of("a")));
  ASSERT_TRUE(enqueue(*store, job_of("later", k_t0 + 1h)));

  auto first = lease(*store, "node-a", k_t0);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].kind, "a");
  EXPECT_EQ(first[0].payload, R"({"n":1})");
  EXPECT_EQ(first[0].attempt, 1);
  EXPECT_EQ(first[0].lease_until, k_t0 + 30s);
  EXPECT_TRUE(lease(*store, "node-b", k_t0 + 1s).empty()) << "a live lease is not taken";

  EXPECT_TRUE(store->write([&](WriteTransaction& tx) { return tx.complete_job(first[0], k_t0 + 2s); }));
  EXPECT_TRUE(lease(*store, "node-b", k_t0 + 31s).empty()) << "a done job is not leased again";
  EXPECT_EQ(testing::count_rows(database.url(), "jobs WHERE state = 'done'"), 1);
  EXPECT_EQ(lease(*store, "node-b", k_t0 + 1h).size(), 1u) << "the later job is due at its time";
}

TEST(JobQueue, AnExpiredLeaseIsTakenByAnotherNodeAndTheFirstCannotCompleteAnyMore) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(enqueue(*store, job_of("a")));
  auto first = lease(*store, "node-a", k_t0, 10, 5s);
  ASSERT_EQ(first.size(), 1u);
  auto second = lease(*store, "node-b", k_t0 + 6s);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].attempt, 2);
  EXPECT_NE(second[0].lease_token, first[0].lease_token);

  auto late = store->write([&](WriteTransaction& tx) { return tx.complete_job(first[0], k_t0 + 7s); });
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
  EXPECT_TRUE(store->write([&](WriteTransaction& tx) { return tx.complete_job(second[0], k_t0 + 7s); }));
}

TEST(JobQueue, AFailedJobIsRetriedLaterUntilItsAttemptsRunOut) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(enqueue(*store, job_of("flaky")));  // max_attempts 2
  auto first = lease(*store, "node-a", k_t0);
  ASSERT_EQ(first.size(), 1u);
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) { return tx.fail_job(first[0], "boom", k_t0, k_t0 + 10s); }));
  EXPECT_TRUE(lease(*store, "node-a", k_t0 + 5s).empty()) << "not before retry_at";
  auto second = lease(*store, "node-a", k_t0 + 10s);
  ASSERT_EQ(second.size(), 1u);
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) { return tx.fail_job(second[0], "boom", k_t0, k_t0 + 20s); }));
  EXPECT_TRUE(lease(*store, "node-a", k_t0 + 1h).empty());
  EXPECT_EQ(testing::count_rows(database.url(), "jobs WHERE state = 'failed' AND last_error = 'boom'"), 1);
}

TEST(JobQueue, ALeaseThatExpiresOnTheLastAttemptFailsTheJob) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(enqueue(*store, job_of("dies")));
  ASSERT_EQ(lease(*store, "node-a", k_t0, 10, 1s).size(), 1u);
  ASSERT_EQ(lease(*store, "node-b", k_t0 + 2s, 10, 1s).size(), 1u);
  EXPECT_TRUE(lease(*store, "node-c", k_t0 + 4s).empty());
  EXPECT_EQ(testing::count_rows(database.url(), "jobs WHERE state = 'failed'"), 1);
}

TEST(JobQueue, ADedupeKeyEnqueuesOnce) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  NewJob job = job_of("periodic");
  job.dedupe_key = "periodic@0";
  auto first = enqueue(*store, job);
  auto again = enqueue(*store, job);
  ASSERT_TRUE(first && again);
  EXPECT_TRUE(first->has_value());
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(testing::count_rows(database.url(), "jobs"), 1);
}

TEST(JobQueue, LeasingTakesTheOldestDueJobsUpToTheLimit) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(enqueue(*store, job_of("k" + std::to_string(i), k_t0 - std::chrono::seconds(i))));
  auto jobs = lease(*store, "node-a", k_t0, 3);
  ASSERT_EQ(jobs.size(), 3u);
  std::vector<std::string> kinds;
  for (const auto& job : jobs) kinds.push_back(job.kind);
  std::sort(kinds.begin(), kinds.end());
  EXPECT_EQ(kinds, (std::vector<std::string>{"k2", "k3", "k4"}));
}

// The lease reads the rows whose lease ran out first and the due queued ones after them, each
// through its own index (storage/sql/work_queues.hpp); the limit holds for both together.
TEST(JobQueue, ALeaseTakesExpiredLeasesBeforeDueJobsAndNoMoreThanTheLimitInAll) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(enqueue(*store, job_of("abandoned-1", k_t0 - 2s)));
  ASSERT_TRUE(enqueue(*store, job_of("abandoned-2", k_t0 - 1s)));
  ASSERT_EQ(lease(*store, "node-a", k_t0, 10, 5s).size(), 2u);
  ASSERT_TRUE(enqueue(*store, job_of("queued-1", k_t0 - 10s)));
  ASSERT_TRUE(enqueue(*store, job_of("queued-2", k_t0 - 20s)));

  auto taken_over = lease(*store, "node-b", k_t0 + 6s, 3);
  std::vector<std::string> kinds;
  for (const auto& job : taken_over) kinds.push_back(job.kind);
  // Both abandoned jobs, though the queued ones were due before them, then the oldest due one.
  EXPECT_EQ(kinds, (std::vector<std::string>{"abandoned-1", "abandoned-2", "queued-2"}));
  auto rest = lease(*store, "node-b", k_t0 + 6s);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].kind, "queued-1");
}

}  // namespace job_queue_test
}  // namespace snag
