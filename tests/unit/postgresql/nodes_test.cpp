// Several Snag nodes on one PostgreSQL database: each node is a Store of its own (its own
// writer and connections), as separate `snag serve` processes would be.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <support/postgres_test_database.hpp>

#include <snag/domain/journal.hpp>
#include <snag/storage/open_store.hpp>

namespace snag {
namespace {

std::unique_ptr<Store> open_node(const testing::PostgresTestDatabase& database) {
  auto store = open_store(database.url());
  EXPECT_TRUE(store) << (store ? "" : store.error().message);
  return store ? std::move(*store) : nullptr;
}

Result<void> append(Store& store, std::int64_t ticket, int i) {
  return store.write([&](WriteTransaction& tx) {
    return tx.append_journal(TicketId{ticket}, from_epoch_ms(1'780'000'000'000 + i), "node", "update",
                             {{"n", nullptr, i}});
  });
}

TEST(PostgresNodes, WritesOfTwoNodesAtOnceFormOneChainThatVerifies) {
  testing::PostgresTestDatabase database;
  auto a = open_node(database);
  auto b = open_node(database);
  ASSERT_TRUE(a && b);
  constexpr int k_writes_per_thread = 50;
  std::vector<std::thread> writers;
  for (Store* node : {a.get(), b.get()}) {
    for (int t = 0; t < 3; ++t) {
      writers.emplace_back([node, t] {
        for (int i = 0; i < k_writes_per_thread; ++i) EXPECT_TRUE(append(*node, t + 1, i));
      });
    }
  }
  for (auto& writer : writers) writer.join();

  ChainVerifier verifier;
  ASSERT_TRUE(a->scan_journal([&](const JournalEntry& entry) { return verifier.add(entry); }));
  const ChainVerdict verdict = verifier.verdict();
  EXPECT_TRUE(verdict.ok) << verdict.reason;
  EXPECT_EQ(verdict.checked, 2 * 3 * k_writes_per_thread);
}

TEST(PostgresNodes, ANodeHearsAnotherNodesCommitAndReadsWhatChanged) {
  testing::PostgresTestDatabase database;
  auto a = open_node(database);
  auto b = open_node(database);
  ASSERT_TRUE(a && b);
  std::mutex mutex;
  std::condition_variable heard;
  bool woken = false;
  b->add_commit_listener([&] {
    std::lock_guard lock(mutex);
    woken = true;
    heard.notify_all();
  });
  // The listener may first report its own (re)connection; only a wake-up after the write counts.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  {
    std::lock_guard lock(mutex);
    woken = false;
  }
  ASSERT_TRUE(append(*a, 42, 1));
  std::unique_lock lock(mutex);
  ASSERT_TRUE(heard.wait_for(lock, std::chrono::seconds(5), [&] { return woken; }));
  lock.unlock();
  auto changes = b->journal_after(0, 10);
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().ticket, TicketId{42});
}

}  // namespace
}  // namespace snag
