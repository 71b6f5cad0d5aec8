// The schedule as data: slots, their dedupe keys, the audit job and the session cleanup.

#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/jobs/audit_job.hpp>
#include <snag/jobs/periodic_jobs.hpp>
#include <snag/jobs/session_cleanup_job.hpp>

namespace snag {
namespace periodic_jobs_test {

using namespace std::chrono_literals;

TEST(PeriodicJobs, AJobsSlotStartsAtAMultipleOfItsPeriodAndNamesItsDedupeKey) {
  const PeriodicJob hourly{"report.send", 1h};
  const Timestamp now = from_epoch_ms(3 * 3'600'000 + 1234);
  const NewJob job = periodic_slot_job(hourly, now);
  EXPECT_EQ(job.kind, "report.send");
  EXPECT_EQ(job.run_at, from_epoch_ms(3 * 3'600'000));
  EXPECT_EQ(job.dedupe_key, "report.send@10800000");
  EXPECT_EQ(periodic_slot_job(hourly, now + 30min).dedupe_key, job.dedupe_key);
  EXPECT_NE(periodic_slot_job(hourly, now + 1h).dedupe_key, job.dedupe_key);
}

TEST(PeriodicJobs, TicksOfTheSameSlotEnqueueEachJobOnce) {
  testing::TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  // The start of an hour: every period's slot (the shortest is a minute) holds both ticks.
  const Timestamp now = from_epoch_ms(1'780'000'000'000 / 3'600'000 * 3'600'000);
  const auto schedule = periodic_jobs(AtsPolicy{});
  ASSERT_TRUE(enqueue_periodic_jobs(*store, schedule, now));
  ASSERT_TRUE(enqueue_periodic_jobs(*store, schedule, now + 30s));
  EXPECT_EQ(testing::count_rows(database.url(), "jobs"), static_cast<std::int64_t>(schedule.size()));
  EXPECT_EQ(testing::count_rows(database.url(), "jobs WHERE kind = 'audit.verify'"), 1);
}

TEST(PeriodicJobs, TheAuditJobVerifiesTheChainAndSucceedsEvenWhenItIsBroken) {
  testing::TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->write([](WriteTransaction& tx) {
    return tx.append_journal(TicketId{1}, from_epoch_ms(1'780'000'000'000), "alice", "update",
                             {{"status", "new", "triaged"}, {"team", "a", "b"}});
  }));
  Job job;
  job.kind = std::string(k_audit_verify_job);
  JobContext context(*store, job, from_epoch_ms(1'780'000'000'000));
  EXPECT_TRUE(run_audit_verify(job, context));
  testing::execute_sql(database.url(), "UPDATE journal SET actor = 'mallory' WHERE seq = 1");
  // A broken chain is reported in the log; rerunning the job would not mend it.
  EXPECT_TRUE(run_audit_verify(job, context));
}

TEST(PeriodicJobs, TheSessionCleanupDeletesExpiredSessionsOnly) {
  testing::TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const Timestamp now = from_epoch_ms(1'780'000'000'000);
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    UserRecord user{UserId{}, "ada", "Ada", "recruiter", std::nullopt, "hash", now, false, std::nullopt};
    auto id = tx.insert_user(user);
    if (!id) return tl::unexpected(id.error());
    for (const auto& [token, expires] : {std::pair{"expired", now - 1h}, std::pair{"live", now + 1h}}) {
      if (auto added = tx.insert_session({token, *id, "csrf", now - 2h, expires, "127.0.0.1"}); !added) return added;
    }
    return {};
  }));
  std::vector<Job> leased;
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    if (auto queued = tx.enqueue_job({std::string(k_session_cleanup_job), "{}", now, 3, std::nullopt}, now); !queued) {
      return tl::unexpected(queued.error());
    }
    auto jobs = tx.lease_jobs(LeaseRequest{"test", 1, now, 30s});
    if (!jobs) return tl::unexpected(jobs.error());
    leased = std::move(*jobs);
    return {};
  }));
  ASSERT_EQ(leased.size(), 1u);
  JobContext context(*store, leased[0], now);
  ASSERT_TRUE(run_session_cleanup(leased[0], context));
  EXPECT_TRUE(context.completed());
  EXPECT_EQ(testing::count_rows(database.url(), "sessions"), 1);
  EXPECT_EQ(testing::count_rows(database.url(), "sessions WHERE token_hash = 'live'"), 1);
}

}  // namespace periodic_jobs_test
}  // namespace snag
