// The outbound statements on a real store: SQLite here, PostgreSQL in the suite's second run.

#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/ports/store.hpp>

namespace snag::testing {
namespace outbound_store_test {

const Timestamp k_now = from_epoch_ms(1'795'000'000'000);

Subscription sample_subscription(std::string name = "warehouse") {
  Subscription subscription;
  subscription.name = std::move(name);
  subscription.url = "https://hooks.example.com/in";
  subscription.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  subscription.vendor = "acme";
  subscription.events = {"ticket.created", "ticket.changed"};
  subscription.field_allowlist = {"key", "candidate.external_id"};
  subscription.created_at = k_now;
  return subscription;
}

class OutboundStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_NE(store, nullptr);
  }

  template <class Work>
  void write(Work&& work) {
    auto written = store->write([&](WriteTransaction& tx) -> Result<void> { return work(tx); });
    ASSERT_TRUE(written) << written.error().message;
  }

  SubscriptionId insert_subscription(const Subscription& subscription) {
    SubscriptionId id;
    write([&](WriteTransaction& tx) -> Result<void> {
      auto inserted = tx.insert_subscription(subscription);
      if (!inserted) return tl::unexpected(inserted.error());
      id = *inserted;
      return {};
    });
    return id;
  }

  // A ticket with one creation entry in the journal.
  void journal_a_ticket() {
    write([&](WriteTransaction& tx) -> Result<void> {
      Ticket ticket;
      ticket.type = "other";
      ticket.title = "t";
      ticket.status = "new";
      ticket.team = "hris";
      ticket.reporter = "r";
      ticket.created_at = ticket.updated_at = k_now;
      auto id = tx.insert_ticket(ticket);
      if (!id) return tl::unexpected(id.error());
      return tx.append_journal(*id, k_now, "r", "create", {{"status", nullptr, "new"}});
    });
  }

  OutboxId queue_message(SubscriptionId subscription, std::string message_id, Timestamp at = k_now) {
    OutboxId id;
    write([&](WriteTransaction& tx) -> Result<void> {
      auto inserted = tx.insert_outbox_message({subscription, "ticket.created", message_id, R"({"type":"x"})", at});
      if (!inserted) return tl::unexpected(inserted.error());
      id = *inserted;
      return {};
    });
    return id;
  }

  std::vector<OutboxMessage> lease(Timestamp now, std::size_t max = 10) {
    std::vector<OutboxMessage> leased;
    write([&](WriteTransaction& tx) -> Result<void> {
      auto got = tx.lease_outbox(LeaseRequest{"node-1", max, now, std::chrono::seconds(60)});
      if (!got) return tl::unexpected(got.error());
      leased = std::move(*got);
      return {};
    });
    return leased;
  }

  OutboxMessage message(SubscriptionId subscription, std::size_t index = 0) {
    auto messages = store->outbox_messages(subscription, 100);
    EXPECT_TRUE(messages && messages->size() > index);
    return messages && messages->size() > index ? (*messages)[index] : OutboxMessage{};
  }

  TestDatabase database;
  std::unique_ptr<Store> store;
};

TEST_F(OutboundStoreTest, StoresListsAndDeletesSubscriptions) {
  const auto first = insert_subscription(sample_subscription("first"));
  auto second_record = sample_subscription("second");
  second_record.disabled_at = k_now;
  const auto second = insert_subscription(second_record);

  auto all = store->list_subscriptions();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[0].id, first);
  EXPECT_EQ((*all)[0].events, sample_subscription().events);
  EXPECT_EQ((*all)[0].field_allowlist, sample_subscription().field_allowlist);
  EXPECT_EQ((*all)[0].secret, sample_subscription().secret);
  EXPECT_EQ((*all)[0].created_at, k_now);
  EXPECT_EQ((*all)[1].disabled_at, k_now);

  write([&](WriteTransaction& tx) -> Result<void> {
    auto enabled = tx.enabled_subscriptions();
    if (!enabled) return tl::unexpected(enabled.error());
    EXPECT_EQ(enabled->size(), 1U);
    if (!enabled->empty()) {
      EXPECT_EQ(enabled->front().id, first);
    }
    return {};
  });

  queue_message(first, "msg_1_1");
  write([&](WriteTransaction& tx) -> Result<void> {
    auto deleted = tx.delete_subscription(first);
    if (!deleted) return tl::unexpected(deleted.error());
    EXPECT_TRUE(*deleted);
    auto again = tx.delete_subscription(first);
    if (!again) return tl::unexpected(again.error());
    EXPECT_FALSE(*again);
    return {};
  });
  EXPECT_EQ(count_rows(database.url(), "outbox"), 0);
  auto found = store->find_subscription(first);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->has_value());
  auto kept = store->find_subscription(second);
  ASSERT_TRUE(kept);
  EXPECT_TRUE(kept->has_value());
}

TEST_F(OutboundStoreTest, TheFirstSubscriptionStartsThePositionAtTheJournalsHead) {
  journal_a_ticket();
  journal_a_ticket();
  auto before = store->outbox_journal_position();
  ASSERT_TRUE(before);
  EXPECT_FALSE(before->has_value());

  insert_subscription(sample_subscription());
  auto head = store->last_journal_seq();
  ASSERT_TRUE(head);
  auto position = store->outbox_journal_position();
  ASSERT_TRUE(position && position->has_value());
  EXPECT_EQ(**position, *head);

  journal_a_ticket();
  insert_subscription(sample_subscription("second"));  // the position is the filler's from now on
  position = store->outbox_journal_position();
  ASSERT_TRUE(position && position->has_value());
  EXPECT_EQ(**position, *head);
}

TEST_F(OutboundStoreTest, ThePositionMovesOnlyFromWhereItIs) {
  const auto subscription = insert_subscription(sample_subscription());
  write([&](WriteTransaction& tx) { return tx.advance_outbox_journal_position(0, 5); });

  // Moving from a stale position fails, and what the same work queued rolls back with it.
  auto stale = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto queued = tx.insert_outbox_message({subscription, "ticket.created", "msg_9_1", "{}", k_now});
    if (!queued) return tl::unexpected(queued.error());
    return tx.advance_outbox_journal_position(0, 9);
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(count_rows(database.url(), "outbox"), 0);

  write([&](WriteTransaction& tx) { return tx.advance_outbox_journal_position(5, 9); });
  auto position = store->outbox_journal_position();
  ASSERT_TRUE(position && position->has_value());
  EXPECT_EQ(**position, 9);
}

TEST_F(OutboundStoreTest, LeasesDueMessagesOldestFirstAndSettlesThem) {
  const auto subscription = insert_subscription(sample_subscription());
  queue_message(subscription, "msg_1_1");
  queue_message(subscription, "msg_2_1");
  queue_message(subscription, "msg_3_1", k_now + std::chrono::hours(1));  // not due yet

  auto leased = lease(k_now);
  ASSERT_EQ(leased.size(), 2U);
  EXPECT_EQ(leased[0].message_id, "msg_1_1");
  EXPECT_EQ(leased[0].attempts, 1);
  EXPECT_EQ(leased[0].state, OutboxState::leased);
  EXPECT_EQ(leased[0].payload, R"({"type":"x"})");
  EXPECT_TRUE(lease(k_now).empty());  // held

  write([&](WriteTransaction& tx) { return tx.complete_outbox_message(leased[0], k_now); });
  write([&](WriteTransaction& tx) {
    return tx.fail_outbox_message(leased[1], "HTTP 500", k_now, k_now + std::chrono::minutes(1));
  });
  EXPECT_EQ(message(subscription, 0).state, OutboxState::done);
  EXPECT_EQ(message(subscription, 0).finished_at, k_now);
  EXPECT_EQ(message(subscription, 1).state, OutboxState::queued);
  EXPECT_EQ(message(subscription, 1).last_error, "HTTP 500");

  // Settling twice: the lease is gone.
  auto again = store->write([&](WriteTransaction& tx) { return tx.complete_outbox_message(leased[0], k_now); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);

  auto retry = lease(k_now + std::chrono::minutes(1));
  ASSERT_EQ(retry.size(), 1U);
  EXPECT_EQ(retry[0].attempts, 2);
  write([&](WriteTransaction& tx) { return tx.fail_outbox_message(retry[0], "HTTP 500", k_now, std::nullopt); });
  EXPECT_EQ(message(subscription, 1).state, OutboxState::dead);

  auto later = lease(k_now + std::chrono::hours(1));
  ASSERT_EQ(later.size(), 1U);
  write([&](WriteTransaction& tx) { return tx.block_outbox_message(later[0], "attestation soc2_expired", k_now); });
  EXPECT_EQ(message(subscription, 2).state, OutboxState::blocked);
  EXPECT_EQ(message(subscription, 2).last_error, "attestation soc2_expired");

  auto stats = store->outbox_stats();
  ASSERT_TRUE(stats);
  ASSERT_EQ(stats->size(), 1U);
  EXPECT_EQ((*stats)[0].subscription, subscription);
  EXPECT_EQ((*stats)[0].done, 1);
  EXPECT_EQ((*stats)[0].dead, 1);
  EXPECT_EQ((*stats)[0].blocked, 1);
  EXPECT_EQ((*stats)[0].pending, 0);
  EXPECT_EQ((*stats)[0].last_done_at, k_now);
}

TEST_F(OutboundStoreTest, AnExpiredLeaseIsLeasedAgainAndTheOldHolderLosesIt) {
  const auto subscription = insert_subscription(sample_subscription());
  queue_message(subscription, "msg_1_1");
  auto first = lease(k_now);
  ASSERT_EQ(first.size(), 1U);
  auto second = lease(k_now + std::chrono::seconds(61));
  ASSERT_EQ(second.size(), 1U);
  EXPECT_EQ(second[0].attempts, 2);
  auto late = store->write([&](WriteTransaction& tx) { return tx.complete_outbox_message(first[0], k_now); });
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
  write([&](WriteTransaction& tx) { return tx.complete_outbox_message(second[0], k_now); });
}

TEST_F(OutboundStoreTest, CountsFailuresResetsThemAndDisablesOnce) {
  const auto subscription = insert_subscription(sample_subscription());
  write([&](WriteTransaction& tx) -> Result<void> {
    for (int expected = 1; expected <= 3; ++expected) {
      auto count = tx.count_subscription_failure(subscription);
      if (!count) return tl::unexpected(count.error());
      EXPECT_EQ(*count, expected);
    }
    auto gone = tx.count_subscription_failure(SubscriptionId{999});
    if (!gone) return tl::unexpected(gone.error());
    EXPECT_FALSE(gone->has_value());
    return {};
  });
  auto found = store->find_subscription(subscription);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->consecutive_failures, 3);

  write([&](WriteTransaction& tx) { return tx.reset_subscription_failures(subscription); });
  found = store->find_subscription(subscription);
  EXPECT_EQ((*found)->consecutive_failures, 0);

  write([&](WriteTransaction& tx) -> Result<void> {
    auto first = tx.disable_subscription(subscription, k_now);
    if (!first) return tl::unexpected(first.error());
    EXPECT_TRUE(*first);
    auto second = tx.disable_subscription(subscription, k_now + std::chrono::hours(1));
    if (!second) return tl::unexpected(second.error());
    EXPECT_FALSE(*second);
    return {};
  });
  found = store->find_subscription(subscription);
  EXPECT_EQ((*found)->disabled_at, k_now);
}

TEST_F(OutboundStoreTest, KeepsVendorAttestations) {
  const Timestamp soc2 = k_now + std::chrono::days(100);
  write([&](WriteTransaction& tx) {
    return tx.upsert_vendor_attestation({"zeta", "Zeta Ltd", soc2, std::nullopt, k_now});
  });
  write([&](WriteTransaction& tx) {
    return tx.upsert_vendor_attestation({"acme", "Acme", std::nullopt, soc2, k_now});
  });
  write([&](WriteTransaction& tx) {
    return tx.upsert_vendor_attestation({"acme", "Acme Inc", soc2, soc2, k_now + std::chrono::hours(1)});
  });
  auto all = store->list_vendor_attestations();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[0].vendor, "acme");
  EXPECT_EQ((*all)[0].name, "Acme Inc");
  EXPECT_EQ((*all)[0].soc2_type2_expires_at, soc2);
  EXPECT_EQ((*all)[0].updated_at, k_now + std::chrono::hours(1));
  EXPECT_EQ((*all)[1].iso27001_expires_at, std::nullopt);
  auto zeta = store->find_vendor_attestation("zeta");
  ASSERT_TRUE(zeta && zeta->has_value());
  EXPECT_EQ((*zeta)->name, "Zeta Ltd");
  auto none = store->find_vendor_attestation("nobody");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

}  // namespace outbound_store_test
}  // namespace snag::testing
