#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

namespace snag {
namespace group_commit_test {

using testing::insert;
using testing::sample_ticket;
using testing::TestDatabase;

std::int64_t count_tickets(Store& store) {
  TicketQuery query;
  query.limit = k_max_page_size;
  std::int64_t count = 0;
  for (;;) {
    auto page = store.list_tickets(query);
    EXPECT_TRUE(page);
    if (!page) return -1;
    count += static_cast<std::int64_t>(page->items.size());
    if (!page->next) return count;
    query.cursor = page->next;
  }
}

TEST(GroupCommit, WriteThatFailsLeavesNothingBehind) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  TicketId id;
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_ticket(sample_ticket());
    if (!inserted) return tl::unexpected(inserted.error());
    id = *inserted;
    if (auto journal = tx.append_journal(id, {}, "alice", "create", {{"title", nullptr, "x"}}); !journal) {
      return journal;
    }
    return fail(ErrorCode::validation_failed, "changed my mind");
  });
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(written.error().message, "changed my mind");
  auto found = store->find_ticket(id);
  ASSERT_TRUE(found);
  EXPECT_FALSE(*found);
  auto journal = store->ticket_journal(id);
  ASSERT_TRUE(journal);
  EXPECT_TRUE(journal->empty());
}

TEST(GroupCommit, AThrowingWorkBecomesAnInternalErrorAndIsRolledBack) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    (void)tx.insert_ticket(sample_ticket());
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::internal);
  EXPECT_EQ(count_tickets(*store), 0);
  EXPECT_GT(insert(*store, sample_ticket()).value, 0);  // the writer survived
}

TEST(GroupCommit, FailingWritesRollBackOnlyThemselvesWhileConcurrentOnesCommit) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  constexpr int k_threads = 16;
  constexpr int k_writes = 40;
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < k_writes; ++i) {
        const bool should_fail = (t + i) % 3 == 0;
        auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
          auto id = tx.insert_ticket(sample_ticket("thread " + std::to_string(t)));
          if (!id) return tl::unexpected(id.error());
          auto journal = tx.append_journal(*id, {}, "t", "create", {{"title", nullptr, "thread"}});
          if (!journal) return journal;
          if (should_fail) return fail(ErrorCode::conflict, "planned failure");
          return {};
        });
        if (written) {
          ++ok;
        } else {
          EXPECT_EQ(written.error().code, ErrorCode::conflict);
          ++failed;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok + failed, k_threads * k_writes);
  EXPECT_EQ(count_tickets(*store), ok.load());

  // The rolled-back journal rows left no gap in the chain.
  ChainVerifier verifier;
  ASSERT_TRUE(store->scan_journal([&](const JournalEntry& entry) { return verifier.add(entry); }));
  EXPECT_TRUE(verifier.verdict().ok) << verifier.verdict().reason;
  EXPECT_EQ(verifier.verdict().checked, ok.load());
}

TEST(GroupCommit, AWorkWhoseLastStatementTheDatabaseRefusesRollsBackAloneAndCountsNothing) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  // A rule only the database keeps, broken by the last statement of some works: on PostgreSQL
  // the writer queues that statement in its pipeline, so the refusal arrives after the work
  // has returned success, and must still fail that work alone.
  testing::execute_sql(database.url(),
                       database.is_postgresql()
                           ? "ALTER TABLE journal ADD CONSTRAINT refused_actor CHECK (actor <> 'refused')"
                           : "CREATE TRIGGER refused_actor BEFORE INSERT ON journal WHEN NEW.actor = 'refused' "
                             "BEGIN SELECT RAISE(ABORT, 'refused'); END");
  constexpr int k_works = 12;
  const auto refused = [](int work) { return work % 3 == 1; };
  std::vector<WriteWork> works;
  for (int i = 0; i < k_works; ++i) {
    works.push_back([i, actor = refused(i) ? "refused" : "t"](WriteTransaction& tx) -> Result<void> {
      Ticket ticket = sample_ticket("work " + std::to_string(i));
      ticket.candidate = CandidateRef{"greenhouse", "candidate-" + std::to_string(i)};  // a stub, counted
      auto id = tx.insert_ticket(ticket);
      if (!id) return tl::unexpected(id.error());
      return tx.append_journal(*id, {}, actor, "create", {{"title", nullptr, "x"}});
    });
  }
  const auto outcomes = store->write_all(std::move(works));  // queued together: they share batches
  ASSERT_EQ(outcomes.size(), std::size_t{k_works});
  for (int i = 0; i < k_works; ++i) {
    if (refused(i)) {
      ASSERT_FALSE(outcomes[i]) << i;
      EXPECT_EQ(outcomes[i].error().code, ErrorCode::conflict) << outcomes[i].error().message;
    } else {
      EXPECT_TRUE(outcomes[i]) << i << ": " << outcomes[i].error().message;
    }
  }
  const std::string committed = std::to_string(k_works - k_works / 3);
  EXPECT_EQ(std::to_string(count_tickets(*store)), committed);
  EXPECT_EQ(std::to_string(testing::count_rows(database.url(), "journal")), committed);
  EXPECT_EQ(std::to_string(testing::count_rows(database.url(), "candidates")), committed);
  // The kept summaries count what committed, and nothing of the works rolled back.
  EXPECT_EQ(testing::query_column(database.url(), "SELECT SUM(tickets) FROM ticket_day_counts"),
            std::vector<std::string>{committed});
  EXPECT_EQ(testing::query_column(database.url(), "SELECT SUM(candidates) FROM withdrawal_cohorts WHERE type = ''"),
            std::vector<std::string>{committed});
  EXPECT_EQ(testing::query_column(database.url(), "SELECT SUM(candidates) FROM withdrawal_cohorts WHERE type <> ''"),
            std::vector<std::string>{committed});
}

// Works that write, and among them `failing`, which fails after `writes_first` of its writes.
std::vector<WriteWork> works_with_one_failing(int count, int failing, bool writes_first,
                                              std::shared_ptr<std::vector<int>> runs) {
  std::vector<WriteWork> works;
  for (int i = 0; i < count; ++i) {
    works.push_back([i, failing, writes_first, runs](WriteTransaction& tx) -> Result<void> {
      ++(*runs)[static_cast<std::size_t>(i)];  // the test's own count of runs, outside the transaction
      if (i == failing && !writes_first) return fail(ErrorCode::conflict, "refused before writing");
      auto id = tx.insert_ticket(sample_ticket("work " + std::to_string(i)));
      if (!id) return tl::unexpected(id.error());
      if (auto journal = tx.append_journal(*id, {}, "t", "create", {{"title", nullptr, "x"}}); !journal) return journal;
      if (i == failing) return fail(ErrorCode::conflict, "refused after writing");
      return {};
    });
  }
  return works;
}

TEST(GroupCommit, AWorkThatFailsBeforeItWritesCostsItsBatchNoSecondRun) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto runs = std::make_shared<std::vector<int>>(6, 0);
  const auto outcomes = store->write_all(works_with_one_failing(6, 2, false, runs));
  ASSERT_EQ(outcomes.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(static_cast<bool>(outcomes[i]), i != 2) << i;
  EXPECT_EQ(*runs, std::vector<int>(6, 1));
  EXPECT_EQ(store->commit_stats().rerun_batches, 0u);
  EXPECT_EQ(count_tickets(*store), 5);
}

TEST(GroupCommit, AWorkThatFailsAfterWritingSendsItsBatchRoundAgainAndEveryOtherWorkLandsOnce) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto runs = std::make_shared<std::vector<int>>(6, 0);
  const auto outcomes = store->write_all(works_with_one_failing(6, 2, true, runs));  // queued together: one batch
  ASSERT_EQ(outcomes.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(static_cast<bool>(outcomes[i]), i != 2) << i;
  if (database.is_postgresql()) {
    // Every work has its savepoint from the start there.
    EXPECT_EQ(*runs, std::vector<int>(6, 1));
    EXPECT_EQ(store->commit_stats().rerun_batches, 0u);
  } else {
    // Works 0 to 2 ran, work 2 could not be undone alone, and the batch ran again with savepoints.
    EXPECT_EQ(*runs, (std::vector<int>{2, 2, 2, 1, 1, 1}));
    EXPECT_EQ(store->commit_stats().rerun_batches, 1u);
  }
  EXPECT_EQ(count_tickets(*store), 5);
  // The first run's journal entries were rolled back with it: the chain has no gap or double.
  ChainVerifier verifier;
  ASSERT_TRUE(store->scan_journal([&](const JournalEntry& entry) { return verifier.add(entry); }));
  EXPECT_TRUE(verifier.verdict().ok) << verifier.verdict().reason;
  EXPECT_EQ(verifier.verdict().checked, 5);
  EXPECT_EQ(testing::count_rows(database.url(), "journal"), 5);
}

TEST(GroupCommit, ConcurrentWritesAllLandAndShareCommits) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  constexpr int k_threads = 32;
  constexpr int k_writes = 50;
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < k_writes; ++i) {
        auto written = store->write([](WriteTransaction& tx) -> Result<void> {
          auto id = tx.insert_ticket(sample_ticket());
          if (!id) return tl::unexpected(id.error());
          return {};
        });
        if (!written) ++errors;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(count_tickets(*store), k_threads * k_writes);

  const CommitStats stats = store->commit_stats();
  EXPECT_EQ(stats.writes, static_cast<std::uint64_t>(k_threads * k_writes));
  EXPECT_LT(stats.commits, stats.writes);  // some commits carried more than one write
  EXPECT_LT(stats.batch_buckets[0], stats.commits);
  EXPECT_EQ(std::accumulate(stats.batch_buckets.begin(), stats.batch_buckets.end(), std::uint64_t{0}), stats.commits);
  EXPECT_EQ(stats.failed_commits, 0u);
}

TEST(GroupCommit, AWriteStartedFromInsideAWriteIsRefusedInsteadOfDeadlocking) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto written = store->write([&](WriteTransaction&) -> Result<void> {
    auto nested = store->write([](WriteTransaction&) -> Result<void> { return {}; });
    if (!nested) return tl::unexpected(nested.error());
    return {};
  });
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::internal);
}

TEST(GroupCommit, ClosingTheStoreFinishesQueuedWrites) {
  TestDatabase database;
  constexpr int k_threads = 8;
  {
    auto store = database.open();
    ASSERT_TRUE(store);
    std::vector<std::thread> threads;
    for (int t = 0; t < k_threads; ++t) threads.emplace_back([&] { insert(*store, sample_ticket()); });
    for (auto& thread : threads) thread.join();
  }
  auto store = database.open();
  ASSERT_TRUE(store);
  EXPECT_EQ(count_tickets(*store), k_threads);
}

// write_async queues and returns; each `done` hears its own work's outcome once the group has
// committed, and what it reports is there for a reader at that moment.
TEST(GroupCommit, AsyncWritesReportTheirOwnOutcomeOnceCommitted) {
  // Declared before the store, so that they outlive its writer thread, which calls `done`.
  std::mutex mutex;
  std::condition_variable all_done;
  int reported = 0;
  int succeeded = 0;
  int refused = 0;
  int visible_when_told = 0;
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  constexpr int k_writes = 200;
  for (int i = 0; i < k_writes; ++i) {
    auto id = std::make_shared<TicketId>();
    store->write_async(
        [i, id](WriteTransaction& tx) -> Result<void> {
          auto inserted = tx.insert_ticket(sample_ticket());
          if (!inserted) return tl::unexpected(inserted.error());
          *id = *inserted;
          if (i % 4 == 0) return fail(ErrorCode::validation_failed, "every fourth changes its mind");
          return {};
        },
        [&, id](Result<void> outcome) {
          // A reader's own connection: the commit is complete, not just this thread's view.
          const bool visible = outcome && store->find_ticket(*id).value_or(std::nullopt).has_value();
          std::lock_guard lock(mutex);
          ++reported;
          if (outcome) ++succeeded;
          if (!outcome && outcome.error().code == ErrorCode::validation_failed) ++refused;
          if (visible) ++visible_when_told;
          all_done.notify_all();
        });
  }
  std::unique_lock lock(mutex);
  ASSERT_TRUE(all_done.wait_for(lock, std::chrono::seconds(30), [&] { return reported == k_writes; }));
  EXPECT_EQ(succeeded, k_writes - k_writes / 4);
  EXPECT_EQ(refused, k_writes / 4);
  EXPECT_EQ(visible_when_told, succeeded);
  lock.unlock();
  EXPECT_EQ(count_tickets(*store), k_writes - k_writes / 4);
  EXPECT_LT(store->commit_stats().commits, static_cast<std::uint64_t>(k_writes));  // they shared commits
}

}  // namespace group_commit_test
}  // namespace snag
