// Filling the outbox from the journal, on a real store: one message per change and matching
// subscription, filtered at enqueue time, exactly once across passes and restarts.

#include "outbound_fixtures.hpp"
#include <gtest/gtest.h>

#include <snag/integrations/outbound/outbox_filler.hpp>

namespace snag::testing {
namespace outbox_filler_test {

const std::vector<std::string> k_all_events{"ticket.created", "ticket.changed", "ticket.resolved"};

FillReport fill(OutboundWorld& world, OutboxFillerOptions options = {}) {
  OutboxFiller filler(*world.store, default_catalog(), world.clock, options);
  auto report = filler.fill();
  EXPECT_TRUE(report) << report.error().message;
  return report ? *report : FillReport{};
}

Ticket transition(OutboundWorld& world, const Ticket& ticket, std::string_view to) {
  auto moved = world.app.tickets.transition(admin_actor(), ticket.id, to, "", std::nullopt);
  EXPECT_TRUE(moved) << moved.error().message;
  return moved ? *moved : ticket;
}

TEST(OutboxFiller, DoesNothingBeforeTheFirstSubscription) {
  OutboundWorld world;
  world.open_ticket();
  EXPECT_EQ(fill(world).changes, 0);
  EXPECT_EQ(count_rows(world.database.url(), "outbox"), 0);
}

TEST(OutboxFiller, QueuesOneFilteredMessagePerChangeAndSubscription) {
  OutboundWorld world;
  const auto changes = world.subscribe("https://a.example.com/hook", "acme", {"ticket.created", "ticket.changed"},
                                       {"key", "status", "candidate.external_id", "fields.visa_status"});
  const auto resolutions = world.subscribe("https://b.example.com/hook", "acme", {"ticket.resolved"}, {"key"});

  Ticket ticket = world.open_ticket();
  ticket = transition(world, ticket, "in_progress");
  ticket = transition(world, ticket, "resolved");
  EXPECT_EQ(fill(world).messages, 4);

  const auto to_changes = world.outbox(changes.id);
  ASSERT_EQ(to_changes.size(), 3U);
  EXPECT_EQ(to_changes[0].event_type, "ticket.created");
  EXPECT_EQ(to_changes[1].event_type, "ticket.changed");
  EXPECT_EQ(to_changes[2].event_type, "ticket.changed");  // a resolution, for one who wants changes only
  const auto created = nlohmann::json::parse(to_changes[0].payload);
  EXPECT_EQ(created["type"], "ticket.created");
  // The ticket as it stood when the outbox was filled, through the allowlist.
  EXPECT_EQ(created["data"]["ticket"], (nlohmann::json{{"key", ticket_key(ticket.id)},
                                                       {"status", "resolved"},
                                                       {"candidate", {{"external_id", "53883394"}}},
                                                       {"fields", {{"visa_status", "h1b"}}}}));
  EXPECT_EQ(nlohmann::json::parse(to_changes[1].payload)["data"]["changed_fields"], nlohmann::json({"status"}));
  for (const auto& message : to_changes) {
    EXPECT_EQ(message.state, OutboxState::queued);
    for (const auto& personal : personal_data_of_open_ticket()) {
      EXPECT_EQ(message.payload.find(personal), std::string::npos) << personal << " in " << message.payload;
    }
  }

  const auto to_resolutions = world.outbox(resolutions.id);
  ASSERT_EQ(to_resolutions.size(), 1U);
  EXPECT_EQ(to_resolutions[0].event_type, "ticket.resolved");
  EXPECT_EQ(
      nlohmann::json::parse(to_resolutions[0].payload)["data"],
      (nlohmann::json{{"ticket", {{"key", ticket_key(ticket.id)}}}, {"changed_fields", nlohmann::json::array()}}));
  EXPECT_NE(to_changes[2].message_id, to_resolutions[0].message_id);
}

TEST(OutboxFiller, QueuesNothingTwiceAcrossPassesAndRestarts) {
  OutboundWorld world;
  const auto subscription = world.subscribe("https://a.example.com/hook", "acme", k_all_events, {"key"});
  world.open_ticket();
  world.open_ticket();
  EXPECT_EQ(fill(world).messages, 2);
  EXPECT_EQ(fill(world).messages, 0);

  // Another process on the same database: the position is in the database, not in memory.
  auto reopened = world.database.open();
  ASSERT_NE(reopened, nullptr);
  OutboxFiller restarted(*reopened, default_catalog(), world.clock);
  auto report = restarted.fill();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->messages, 0);

  world.open_ticket();
  EXPECT_EQ(fill(world).messages, 1);
  EXPECT_EQ(world.outbox(subscription.id).size(), 3U);
}

TEST(OutboxFiller, ReadsWholeChangesWhenAPageEndsInsideOne) {
  OutboundWorld world;
  const auto subscription = world.subscribe("https://a.example.com/hook", "acme", k_all_events, {"key", "severity"});
  const Ticket ticket = world.open_ticket();
  TicketEdit edit;  // one change, several journal entries
  edit.title = "Another title";
  edit.severity = Severity::sev1;
  edit.labels = std::vector<std::string>{"a"};
  auto edited = world.app.tickets.edit(admin_actor(), ticket.id, edit, ticket.version);
  ASSERT_TRUE(edited) << edited.error().message;
  world.open_ticket();

  OutboxFillerOptions one_entry_pages;
  one_entry_pages.page_size = 1;
  const auto report = fill(world, one_entry_pages);
  EXPECT_EQ(report.changes, 3);
  const auto messages = world.outbox(subscription.id);
  ASSERT_EQ(messages.size(), 3U);
  EXPECT_EQ(nlohmann::json::parse(messages[1].payload)["data"]["changed_fields"], nlohmann::json({"severity"}));
}

TEST(OutboxFiller, SendsOnlyWhatChangedAfterASubscriptionWasCreated) {
  OutboundWorld world;
  const auto early = world.subscribe("https://a.example.com/hook", "acme", k_all_events, {"key"});
  world.open_ticket();  // before the late subscription, not yet filled
  world.clock.advance(std::chrono::seconds(1));
  const auto late = world.subscribe("https://b.example.com/hook", "acme", k_all_events, {"key"});
  world.open_ticket();
  fill(world);
  EXPECT_EQ(world.outbox(early.id).size(), 2U);
  EXPECT_EQ(world.outbox(late.id).size(), 1U);
}

TEST(OutboxFiller, SkipsDisabledSubscriptions) {
  OutboundWorld world;
  const auto subscription = world.subscribe("https://a.example.com/hook", "acme", k_all_events, {"key"});
  ASSERT_TRUE(world.store->write([&](WriteTransaction& tx) -> Result<void> {
    auto disabled = tx.disable_subscription(subscription.id, world.clock.now());
    if (!disabled) return tl::unexpected(disabled.error());
    return {};
  }));
  world.open_ticket();
  EXPECT_EQ(fill(world).changes, 1);
  EXPECT_TRUE(world.outbox(subscription.id).empty());
}

TEST(OutboxFiller, CommentsAreChangesWithoutTheirText) {
  OutboundWorld world;
  const auto subscription = world.subscribe("https://a.example.com/hook", "acme", {"ticket.changed"}, {"key"});
  const Ticket ticket = world.open_ticket();
  ASSERT_TRUE(world.app.tickets.add_comment(admin_actor(), ticket.id, "Jane called about her visa"));
  fill(world);
  const auto messages = world.outbox(subscription.id);
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(messages[0].payload.find("Jane"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(messages[0].payload)["data"]["changed_fields"], nlohmann::json::array());
}

}  // namespace outbox_filler_test
}  // namespace snag::testing
