#include <thread>

#include "inbox_fixture.hpp"

namespace snag::testing {
namespace inbox_processor_test {

using InboxProcessorTest = InboxTest;

TEST_F(InboxProcessorTest, ARepeatedEventIdIsStoredOnce) {
  EXPECT_TRUE(deliver("msg-1", event("offer.expired", "c-1", "Ana")));
  EXPECT_FALSE(deliver("msg-1", event("offer.expired", "c-1", "Ana")));
  EXPECT_EQ(count_rows(database.url(), "deliveries"), 1);
}

TEST_F(InboxProcessorTest, ProcessingAppliesTheEventsAndFinishesTheDelivery) {
  ASSERT_TRUE(deliver("msg-1", event("offer.expired", "c-1", "Ana Lima")));
  InboxProcessor inbox(*store, clock, applier, policy, "test-node");
  auto round = inbox.process_due();
  ASSERT_TRUE(round) << round.error().message;
  EXPECT_EQ(round->done, 1u);

  auto candidate = store->find_candidate(CandidateRef{"acme", "c-1"});
  ASSERT_TRUE(candidate && *candidate);
  EXPECT_EQ((*candidate)->profile.name, "Ana Lima");
  const auto tickets = tickets_of("c-1");
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].type, "offer_link_expired");
  EXPECT_EQ(tickets[0].reporter, "ats:sw");

  auto again = inbox.process_due();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->done, 0u) << "a finished delivery is not processed twice";
  EXPECT_EQ(count_rows(database.url(), "deliveries WHERE state = 'done'"), 1);
}

TEST_F(InboxProcessorTest, FailuresAreRetriedWithBackoffThenDeadAndCanBeReplayed) {
  policy.max_attempts = 2;
  policy.retry_base = std::chrono::seconds(10);
  ASSERT_TRUE(deliver("msg-bad", {{"type", "offer.exploded"}, {"timestamp", "2026-11-28T10:00:00Z"}, {"data", {}}}));
  InboxProcessor inbox(*store, clock, applier, policy, "test-node");

  auto first = inbox.process_due();
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->retried, 1u);
  auto too_early = inbox.process_due();
  ASSERT_TRUE(too_early);
  EXPECT_EQ(too_early->retried + too_early->dead + too_early->done, 0u) << "the retry waits for its backoff";

  clock.advance(std::chrono::seconds(13));  // past 10 s ± 20%
  auto second = inbox.process_due();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->dead, 1u);

  auto page = store->dead_letters(DeadLetterQuery{});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].event_id, "msg-bad");
  EXPECT_EQ(page->items[0].attempts, 2);
  ASSERT_TRUE(page->items[0].last_error);
  EXPECT_NE(page->items[0].last_error->find("offer.exploded"), std::string::npos);

  std::int64_t replayed = 0;
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    auto count = tx.replay_dead_deliveries(page->items[0].id, std::nullopt, clock.now());
    if (!count) return tl::unexpected(count.error());
    replayed = *count;
    return {};
  }));
  EXPECT_EQ(replayed, 1);
  auto after_replay = inbox.process_due();
  ASSERT_TRUE(after_replay);
  EXPECT_EQ(after_replay->retried, 1u) << "a replayed delivery starts its attempts afresh";
}

TEST_F(InboxProcessorTest, ConnectorHealthCountsDeliveries) {
  ASSERT_TRUE(deliver("msg-1", event("offer.expired", "c-1", "Ana")));
  ASSERT_TRUE(deliver("msg-2", event("offer.expired", "c-2", "Bo")));
  auto stats = store->connector_stats();
  ASSERT_TRUE(stats);
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ((*stats)[0].received, 2);
  EXPECT_EQ((*stats)[0].pending, 2);
  ASSERT_TRUE((*stats)[0].oldest_pending_at);
}

// Three rounds' worth of deliveries, stored in one write, and processed by the background thread.
class BackgroundProcessingTest : public InboxTest {
 protected:
  static constexpr int k_backlog = 2 * static_cast<int>(InboxProcessor::k_round_size) + 88;

  void SetUp() override {
    InboxTest::SetUp();
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      for (int i = 0; i < k_backlog; ++i) {
        NewDelivery delivery;
        delivery.connector = connector.id;
        delivery.event_id = "msg-" + std::to_string(i);
        delivery.received_at = clock.now();
        delivery.body = event("candidate.updated", "c-" + std::to_string(i), "Candidate " + std::to_string(i)).dump();
        if (auto stored = tx.insert_delivery(delivery); !stored) return tl::unexpected(stored.error());
      }
      return {};
    }));
  }

  // Runs the background thread until the whole backlog is done (or a generous deadline passes).
  void drain(InboxProcessor& inbox) {
    inbox.start(std::chrono::milliseconds(20));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while (count_rows(database.url(), "deliveries WHERE state = 'done'") < k_backlog &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    inbox.stop();
    EXPECT_EQ(count_rows(database.url(), "deliveries WHERE state = 'done'"), k_backlog);
  }
};

TEST_F(BackgroundProcessingTest, WhileWebhooksArriveTheProcessorPausesBetweenRoundsAndStillDrainsTheBacklog) {
  ProcessingPace pace;
  pace.busy_for = std::chrono::hours(1);  // the delivery below keeps intake busy for the whole test
  pace.busy_share = 0.5;
  pace.longest_pause = std::chrono::milliseconds(20);
  InboxProcessor inbox(*store, clock, applier, policy, "test-node", InboxProcessor::k_default_lease, pace);
  inbox.delivery_stored();
  drain(inbox);
  const auto pauses = inbox.pauses();
  EXPECT_EQ(pauses.count, 2u) << "one pause between each two of the three rounds, none after the last";
  EXPECT_GT(pauses.total, std::chrono::nanoseconds::zero());
  EXPECT_LE(pauses.total, 2 * pace.longest_pause);
}

TEST_F(BackgroundProcessingTest, WithIntakeQuietTheProcessorNeverPauses) {
  InboxProcessor inbox(*store, clock, applier, policy, "test-node");
  drain(inbox);
  EXPECT_EQ(inbox.pauses().count, 0u);
}

}  // namespace inbox_processor_test
}  // namespace snag::testing
