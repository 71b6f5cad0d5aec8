// Reading what changed since a journal position, and hearing of commits as they happen.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

namespace snag {
namespace journal_feed_test {

using testing::insert;
using testing::sample_ticket;
using testing::TestDatabase;

Result<void> append(Store& store, TicketId id, const std::string& field) {
  return store.write([&](WriteTransaction& tx) {
    return tx.append_journal(id, from_epoch_ms(1'780'000'000'000), "alice", "update", {{field, nullptr, "x"}});
  });
}

TEST(JournalFeed, JournalAfterReturnsTheEntriesPastASeqInOrderUpToTheLimit) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->last_journal_seq(), 0);
  for (const char* field : {"a", "b", "c", "d"}) ASSERT_TRUE(append(*store, TicketId{7}, field));
  EXPECT_EQ(store->last_journal_seq(), 4);

  auto page = store->journal_after(1, 2);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, 2);
  EXPECT_EQ((*page)[0].field, "b");
  EXPECT_EQ((*page)[1].seq, 3);
  auto rest = store->journal_after(3, 100);
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ(rest->front().field, "d");
  EXPECT_TRUE(store->journal_after(4, 100)->empty());
}

TEST(JournalFeed, ACommitListenerHearsTheStoresOwnCommits) {
  // Declared before the store, which keeps its listener (and may call it) until it goes.
  std::mutex mutex;
  std::condition_variable heard;
  int calls = 0;
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  store->add_commit_listener([&] {
    std::lock_guard lock(mutex);
    ++calls;
    heard.notify_all();
  });
  insert(*store, sample_ticket());
  std::unique_lock lock(mutex);
  EXPECT_TRUE(heard.wait_for(lock, std::chrono::seconds(10), [&] { return calls > 0; }));
}

}  // namespace journal_feed_test
}  // namespace snag
