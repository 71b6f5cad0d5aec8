// Several Snag nodes on one PostgreSQL database: each node is a Store of its own (its own
// writer and connections), as separate `snag serve` processes would be.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <support/postgres_test_database.hpp>

#include <snag/domain/journal.hpp>
#include <snag/storage/open_store.hpp>

namespace snag {
namespace nodes_test {

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

// Wakes when `node` hears another node's commit (a wake-up for its own (re)connection before
// arm() does not count). The store keeps its listeners for its lifetime, which outlasts the ear
// (declared after it): the listener holds the shared state, not the ear.
class CommitEar {
 public:
  explicit CommitEar(Store& node) {
    node.add_commit_listener([state = m_state] {
      std::lock_guard lock(state->mutex);
      state->woken = true;
      state->heard.notify_all();
    });
  }

  void arm() {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::lock_guard lock(m_state->mutex);
    m_state->woken = false;
  }

  bool heard_within(std::chrono::seconds limit) {
    std::unique_lock lock(m_state->mutex);
    return m_state->heard.wait_for(lock, limit, [&] { return m_state->woken; });
  }

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable heard;
    bool woken = false;
  };
  const std::shared_ptr<State> m_state = std::make_shared<State>();
};

TEST(PostgresNodes, ANodeHearsAnotherNodesCommitAndReadsWhatChanged) {
  testing::PostgresTestDatabase database;
  auto a = open_node(database);
  auto b = open_node(database);
  ASSERT_TRUE(a && b);
  CommitEar ear(*b);
  ear.arm();
  ASSERT_TRUE(append(*a, 42, 1));
  ASSERT_TRUE(ear.heard_within(std::chrono::seconds(5)));
  auto changes = b->journal_after(0, 10);
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().ticket, TicketId{42});
}

// An interview notice writes a notification and no journal entry: the other nodes still hear
// of it, so their event streams push it at once rather than at their next poll.
TEST(PostgresNodes, ANodeHearsAnotherNodesNotificationWithoutAJournalEntry) {
  testing::PostgresTestDatabase database;
  auto a = open_node(database);
  auto b = open_node(database);
  ASSERT_TRUE(a && b);
  CommitEar ear(*b);
  ear.arm();
  ASSERT_TRUE(a->write([](WriteTransaction& tx) -> Result<void> {
    Notification notification;
    notification.recipient = "hank";
    notification.kind = "interview";
    notification.message = "an interview tomorrow";
    notification.created_at = from_epoch_ms(1'780'000'000'000);
    auto id = tx.insert_notification(notification);
    if (!id) return tl::unexpected(id.error());
    return {};
  }));
  ASSERT_TRUE(ear.heard_within(std::chrono::seconds(5)));
  auto stored = b->notifications_after(NotificationId{0}, 10);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().recipient, "hank");
}

}  // namespace nodes_test
}  // namespace snag
