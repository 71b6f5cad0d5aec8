// The event hub on a real store (an SQLite file; TestDatabase): live delivery, resume, reset,
// overflow, the polling safety net and shutdown.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/event_hub.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {
namespace event_hub_test {

using namespace std::chrono_literals;
using testing::TestDatabase;

constexpr auto k_delivery_timeout = 10s;  // generous: only a failure waits this long

const Timestamp k_at = from_epoch_ms(1'780'000'000'000);

// Appends one event of `fields` (each changed from null to "x") to ticket `ticket`'s journal.
void change(Store& store, std::int64_t ticket, const std::string& action, const std::vector<std::string>& fields) {
  std::vector<FieldChange> changes;
  for (const auto& field : fields) changes.push_back({field, nullptr, "x"});
  auto written = store.write(
      [&](WriteTransaction& tx) { return tx.append_journal(TicketId{ticket}, k_at, "alice", action, changes); });
  ASSERT_TRUE(written) << written.error().message;
}

// Takes a subscription's messages as its waker announces them.
class Reader {
 public:
  explicit Reader(std::shared_ptr<EventSubscription> subscription) : m_subscription(std::move(subscription)) {
    m_subscription->set_waker([this] {
      std::lock_guard lock(m_mutex);
      ++m_wakes;
      m_woken.notify_all();
    });
  }
  ~Reader() { m_subscription->cancel(); }  // no wake-up reaches a Reader that is gone
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Waits until `count` messages in all arrived (or the subscription ended); returns them all.
  std::vector<StreamMessage> wait_for(std::size_t count) {
    const auto deadline = std::chrono::steady_clock::now() + k_delivery_timeout;
    while (true) {
      int wakes = 0;
      {
        std::lock_guard lock(m_mutex);
        wakes = m_wakes;
      }
      m_state = m_subscription->take(m_messages);
      if (m_messages.size() >= count || m_state != EventSubscription::State::open) return m_messages;
      std::unique_lock lock(m_mutex);
      if (!m_woken.wait_until(lock, deadline, [&] { return m_wakes != wakes; })) {
        m_state = m_subscription->take(m_messages);
        return m_messages;
      }
    }
  }

  // What has arrived so far, without waiting for more.
  std::vector<StreamMessage> now() {
    m_state = m_subscription->take(m_messages);
    return m_messages;
  }

  EventSubscription::State state() const { return m_state; }

 private:
  std::shared_ptr<EventSubscription> m_subscription;
  std::mutex m_mutex;
  std::condition_variable m_woken;
  int m_wakes = 0;  // guarded by m_mutex
  std::vector<StreamMessage> m_messages;
  EventSubscription::State m_state = EventSubscription::State::open;
};

// Waits until the hub has delivered up to `seq` (it lags a commit by the time it takes to read it).
bool wait_for_position(const EventHub& hub, std::int64_t seq) {
  const auto deadline = std::chrono::steady_clock::now() + k_delivery_timeout;
  while (hub.position() < seq) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// Waits until the subscription ends, without taking its messages.
EventSubscription::State wait_for_end(EventSubscription& subscription) {
  std::mutex mutex;
  std::condition_variable woken;
  int wakes = 0;  // guarded by mutex
  subscription.set_waker([&] {
    std::lock_guard lock(mutex);
    ++wakes;
    woken.notify_all();
  });
  const auto deadline = std::chrono::steady_clock::now() + k_delivery_timeout;
  while (true) {
    std::unique_lock lock(mutex);
    const int seen = wakes;
    lock.unlock();
    if (subscription.state() != EventSubscription::State::open) break;
    lock.lock();
    if (!woken.wait_until(lock, deadline, [&] { return wakes != seen; })) break;
  }
  subscription.set_waker(nullptr);
  return subscription.state();
}

std::vector<std::int64_t> seqs(const std::vector<StreamMessage>& messages) {
  std::vector<std::int64_t> out;
  for (const auto& message : messages) out.push_back(message.seq);
  return out;
}

JournalEntry entry(std::int64_t seq, std::int64_t event, std::string action, std::string field,
                   nlohmann::json new_value = "secret value") {
  JournalEntry e;
  e.seq = seq;
  e.ticket = TicketId{3};
  e.event = event;
  e.at = k_at;
  e.actor = "sam";
  e.action = std::move(action);
  e.field = std::move(field);
  e.new_value = std::move(new_value);
  return e;
}

TEST(GroupTicketEvents, MakesOneEventOfTheEntriesOfOneChangeNamingTheFieldsButNotTheirValues) {
  Ticket ticket;
  ticket.type = "other";
  ticket.title = "Jane Doe's offer";
  ticket.status = "new";
  ticket.team = "recruiting";
  const auto snapshot = creation_journal(ticket).front();
  const auto events =
      group_ticket_events({entry(1, 1, "create", snapshot.field, snapshot.new_value), entry(2, 2, "update", "title"),
                           entry(3, 2, "update", "severity"), entry(4, 3, "comment", "comment")});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].fields, (std::vector<std::string>{"type", "title", "status", "severity", "team"}));
  EXPECT_EQ(events[1].seq, 3);
  EXPECT_EQ(events[1].ticket, TicketId{3});
  EXPECT_EQ(events[1].actor, "sam");
  EXPECT_EQ(events[1].at, k_at);
  EXPECT_EQ(events[1].fields, (std::vector<std::string>{"title", "severity"}));
  EXPECT_EQ(events[2].seq, 4);
  EXPECT_EQ(events[2].action, "comment");
}

class EventHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
  }

  std::unique_ptr<EventHub> start_hub(EventHubOptions options = {}) {
    auto hub = std::make_unique<EventHub>(*m_store, options);
    auto started = hub->start();
    EXPECT_TRUE(started) << started.error().message;
    return hub;
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
};

TEST_F(EventHubTest, DeliversACommittedChangeToALiveSubscriber) {
  auto hub = start_hub();
  Reader reader(hub->subscribe(std::nullopt));
  change(*m_store, 7, "update", {"severity", "assignee"});
  const auto messages = reader.wait_for(1);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].kind, StreamMessage::Kind::ticket);
  EXPECT_EQ(messages[0].seq, 2);
  EXPECT_EQ(messages[0].event.ticket, TicketId{7});
  EXPECT_EQ(messages[0].event.action, "update");
  EXPECT_EQ(messages[0].event.fields, (std::vector<std::string>{"severity", "assignee"}));
}

TEST_F(EventHubTest, ASubscriberWithoutAResumePointStartsNow) {
  change(*m_store, 1, "update", {"title"});
  auto hub = start_hub();
  change(*m_store, 2, "update", {"title"});
  // Whether or not the hub has read the second change yet, it was before "now".
  Reader reader(hub->subscribe(std::nullopt));
  change(*m_store, 3, "update", {"title"});
  EXPECT_EQ(seqs(reader.wait_for(1)), (std::vector<std::int64_t>{3}));
}

TEST_F(EventHubTest, AResumePointReplaysExactlyWhatCameAfterItThenGoesLive) {
  change(*m_store, 1, "create", {"title"});
  change(*m_store, 1, "update", {"title", "team"});
  change(*m_store, 2, "comment", {"comment"});
  auto hub = start_hub();
  Reader reader(hub->subscribe(1));
  EXPECT_EQ(seqs(reader.wait_for(2)), (std::vector<std::int64_t>{3, 4}));
  change(*m_store, 2, "transition", {"status"});
  const auto messages = reader.wait_for(3);
  EXPECT_EQ(seqs(messages), (std::vector<std::int64_t>{3, 4, 5}));
  EXPECT_EQ(messages[0].event.fields, (std::vector<std::string>{"title", "team"}));
  EXPECT_EQ(messages[2].event.action, "transition");
}

TEST_F(EventHubTest, ReplaysAndDeliversWholeEventsAcrossPages) {
  auto hub = start_hub({.page_size = 2});
  Reader live(hub->subscribe(std::nullopt));
  change(*m_store, 1, "update", {"a", "b", "c"});
  change(*m_store, 1, "update", {"d"});
  change(*m_store, 2, "update", {"e", "f"});
  const auto delivered = live.wait_for(3);
  ASSERT_EQ(seqs(delivered), (std::vector<std::int64_t>{3, 4, 6}));
  EXPECT_EQ(delivered[0].event.fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(delivered[2].event.fields, (std::vector<std::string>{"e", "f"}));

  Reader resumed(hub->subscribe(0));
  const auto replayed = resumed.wait_for(3);
  ASSERT_EQ(seqs(replayed), (std::vector<std::int64_t>{3, 4, 6}));
  EXPECT_EQ(replayed[0].event.fields, (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(EventHubTest, AResumePointTooFarBehindGetsAResetThenTheLiveEvents) {
  for (int i = 0; i < 5; ++i) change(*m_store, 1, "update", {"title"});
  auto hub = start_hub({.max_replay = 3});
  Reader reader(hub->subscribe(1));  // 4 entries missing, more than 3
  const auto first = reader.wait_for(1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].kind, StreamMessage::Kind::reset);
  EXPECT_EQ(first[0].seq, 5);
  change(*m_store, 1, "update", {"title"});
  const auto messages = reader.wait_for(2);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].kind, StreamMessage::Kind::ticket);
  EXPECT_EQ(messages[1].seq, 6);
}

TEST_F(EventHubTest, AResumePointPastTheJournalsHeadGetsAReset) {
  change(*m_store, 1, "update", {"title"});
  auto hub = start_hub();
  Reader reader(hub->subscribe(99));
  const auto messages = reader.wait_for(1);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].kind, StreamMessage::Kind::reset);
  EXPECT_EQ(messages[0].seq, 1);
}

TEST_F(EventHubTest, ASubscriberThatDoesNotReadIsDroppedOnceItsQueueIsFull) {
  auto hub = start_hub({.max_queue = 2});
  auto subscription = hub->subscribe(std::nullopt);
  for (int i = 0; i < 3; ++i) change(*m_store, 1, "update", {"title"});
  EXPECT_EQ(wait_for_end(*subscription), EventSubscription::State::overflowed);
  std::vector<StreamMessage> left;
  EXPECT_EQ(subscription->take(left), EventSubscription::State::overflowed);
  EXPECT_TRUE(left.empty());
  // The hub goes on for the others.
  Reader reader(hub->subscribe(std::nullopt));
  change(*m_store, 1, "update", {"title"});
  EXPECT_EQ(reader.wait_for(1).size(), 1u);
}

TEST_F(EventHubTest, PollingFindsCommitsNoListenerReported) {
  auto hub = start_hub({.poll_interval = 100ms});
  Reader reader(hub->subscribe(std::nullopt));
  // Another store on the same file stands for another process: its commits reach no
  // listener of this one.
  auto other = m_database.open();
  ASSERT_TRUE(other);
  change(*other, 4, "update", {"title"});
  const auto messages = reader.wait_for(1);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].event.ticket, TicketId{4});
}

TEST_F(EventHubTest, FollowsTheJournalWithoutSubscribersAndReplaysFromThereLater) {
  auto hub = start_hub();
  change(*m_store, 1, "update", {"title", "team"});
  change(*m_store, 1, "comment", {"comment"});
  ASSERT_TRUE(wait_for_position(*hub, 3));
  Reader reader(hub->subscribe(0));
  EXPECT_EQ(seqs(reader.wait_for(2)), (std::vector<std::int64_t>{2, 3}));
}

TEST_F(EventHubTest, StopEndsEverySubscriptionAndWakesItsReader) {
  auto hub = start_hub();
  Reader reader(hub->subscribe(std::nullopt));
  hub->stop();
  reader.wait_for(1);
  EXPECT_EQ(reader.state(), EventSubscription::State::closed);
  EXPECT_EQ(hub->subscribe(std::nullopt)->state(), EventSubscription::State::closed);
}

TEST_F(EventHubTest, ACancelledSubscriptionGetsNothingMore) {
  auto hub = start_hub();
  auto subscription = hub->subscribe(std::nullopt);
  Reader live(hub->subscribe(std::nullopt));
  subscription->cancel();
  change(*m_store, 1, "update", {"title"});
  EXPECT_EQ(live.wait_for(1).size(), 1u);
  std::vector<StreamMessage> left;
  EXPECT_EQ(subscription->take(left), EventSubscription::State::closed);
  EXPECT_TRUE(left.empty());
}

}  // namespace event_hub_test
}  // namespace snag

namespace snag {
namespace event_hub_test {

// Stores a ticket of `team` and returns its id.
std::int64_t stored_ticket(Store& store, const std::string& team) {
  Ticket ticket;
  ticket.type = "other";
  ticket.title = "t";
  ticket.status = "new";
  ticket.team = team;
  ticket.reporter = "alice";
  ticket.created_at = k_at;
  ticket.updated_at = k_at;
  std::int64_t id = 0;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_ticket(ticket);
    if (!inserted) return tl::unexpected(inserted.error());
    id = inserted->value;
    return {};
  });
  EXPECT_TRUE(written) << written.error().message;
  return id;
}

TEST_F(EventHubTest, AFilteredSubscriberGetsOnlyTheEventsOfTicketsItPasses) {
  const auto mine = stored_ticket(*m_store, "recruitment");
  const auto theirs = stored_ticket(*m_store, "compliance");
  change(*m_store, theirs, "update", {"title"});  // seq 1: replayed, filtered out
  change(*m_store, mine, "update", {"title"});    // seq 2: replayed
  auto hub = start_hub();
  const EventFilter recruitment_only = [](const Ticket& ticket) { return ticket.team == "recruitment"; };
  Reader filtered(hub->subscribe(0, recruitment_only));
  Reader everything(hub->subscribe(0));
  change(*m_store, theirs, "comment", {"comment"});  // seq 3: live, filtered out
  change(*m_store, mine, "comment", {"comment"});    // seq 4: live
  EXPECT_EQ(seqs(everything.wait_for(4)), (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(seqs(filtered.wait_for(2)), (std::vector<std::int64_t>{2, 4}));
}

// Stores a notification for `recipient`, as a rule's notify action does.
void notify(Store& store, const std::string& recipient, const std::string& message) {
  Notification notification;
  notification.recipient = recipient;
  notification.ticket = TicketId{4};
  notification.kind = "escalation";
  notification.message = message;
  notification.created_at = k_at;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_notification(notification);
    if (!id) return tl::unexpected(id.error());
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
}

TEST_F(EventHubTest, ASubscriberNamingAPersonGetsTheirNotificationsFromNowOn) {
  notify(*m_store, "alice", "before the hub started");
  auto hub = start_hub();
  Reader alice(hub->subscribe(std::nullopt, {}, "alice"));
  Reader anonymous(hub->subscribe(std::nullopt));
  notify(*m_store, "bob", "for bob");
  notify(*m_store, "alice", "for alice");
  const auto messages = alice.wait_for(1);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].kind, StreamMessage::Kind::notification);
  EXPECT_EQ(messages[0].notification.recipient, "alice");
  EXPECT_EQ(messages[0].notification.message, "for alice");
  EXPECT_EQ(messages[0].notification.ticket, TicketId{4});
  // Bob's came first, and went to nobody here; the subscriber without a person got neither.
  EXPECT_TRUE(anonymous.now().empty());
  EXPECT_EQ(hub->position(), 0);  // notifications are no journal position
}

// The hub may move past a notification before it takes in a subscriber that came before the
// notification was stored (here: it starts after both); that subscriber still gets it.
TEST_F(EventHubTest, ANotificationStoredBeforeTheHubTookTheSubscriberInIsDelivered) {
  EventHub hub(*m_store);
  Reader alice(hub.subscribe(std::nullopt, {}, "alice"));
  notify(*m_store, "alice", "for alice");
  notify(*m_store, "bob", "for bob");
  ASSERT_TRUE(hub.start());
  const auto messages = alice.wait_for(1);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].notification.message, "for alice");
}

}  // namespace event_hub_test
}  // namespace snag
