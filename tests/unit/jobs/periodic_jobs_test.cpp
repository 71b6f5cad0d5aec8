// The schedule as data: slots, their dedupe keys, and the audit job.

#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/jobs/audit_job.hpp>
#include <snag/jobs/periodic_jobs.hpp>

namespace snag {
namespace {

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
  const Timestamp now = from_epoch_ms(1'780'000'000'000);
  ASSERT_TRUE(enqueue_periodic_jobs(*store, default_periodic_jobs(), now));
  ASSERT_TRUE(enqueue_periodic_jobs(*store, default_periodic_jobs(), now + 1min));
  EXPECT_EQ(testing::count_rows(database.url(), "jobs"), static_cast<std::int64_t>(default_periodic_jobs().size()));
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

}  // namespace
}  // namespace snag
