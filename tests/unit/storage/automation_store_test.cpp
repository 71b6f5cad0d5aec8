// What the Store keeps for automation (app/ports/automation_records.hpp): the SLA sweep's fields
// on tickets and its due query, notifications, suppression windows and the escalations they
// hold, the interviews that notices are planned from, and the migration to schema version 7
// that brought most of them, on this run's backend.

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/storage/open_store.hpp>
#include <snag/storage/sql/dialect.hpp>
#include <snag/storage/sql/schema.hpp>

namespace snag {
namespace automation_store_test {

using testing::count_rows;
using testing::execute_sql;
using testing::insert;
using testing::sample_ticket;
using testing::TestDatabase;

// Runs `work` in a write of its own and returns what it returned (the write's error otherwise).
template <class T, class Work>
Result<T> in_write(Store& store, Work work) {
  std::optional<Result<T>> out;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    out = work(tx);
    if (!*out) return tl::unexpected(out->error());
    return {};
  });
  if (!written) return tl::unexpected(written.error());
  return std::move(*out);
}

Notification notification(std::string recipient, std::string message) {
  Notification out;
  out.recipient = std::move(recipient);
  out.kind = "escalation";
  out.rule = "sev1-unassigned";
  out.message = std::move(message);
  out.created_at = from_epoch_ms(1'780'000'000'000);
  return out;
}

SuppressionWindow window(std::string name) {
  SuppressionWindow out;
  out.name = std::move(name);
  out.reason = "Hiring freeze";
  out.scope = WindowScope::team;
  out.scope_value = "recruiting";
  out.starts_at = from_epoch_ms(1'780'000'000'000);
  out.ends_at = from_epoch_ms(1'780'086'400'000);
  out.on_end = WindowEndPolicy::fire;
  out.created_by = "alice";
  out.created_at = from_epoch_ms(1'779'999'000'000);
  return out;
}

SuppressedEscalation escalation(SuppressionWindowId window_id, TicketId ticket, std::string rule) {
  SuppressedEscalation out;
  out.window = window_id;
  out.ticket = ticket;
  out.rule = std::move(rule);
  out.due_at = from_epoch_ms(1'780'000'500'000);
  return out;
}

template <class Record>
std::vector<std::int64_t> record_ids(const std::vector<Record>& records) {
  std::vector<std::int64_t> ids;
  for (const auto& record : records) ids.push_back(record.id.value);
  return ids;
}

// ---- Tickets: fired SLA points and the next check -------------------------------------------

TEST(AutomationStore, FiredSlaPointsAndTheNextCheckRoundTrip) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Ticket ticket = sample_ticket();
  ticket.sla_fired = {"first_response:50%", "resolution \"75%\""};
  ticket.sla_next_check_at = from_epoch_ms(1'780'000'123'456);
  const TicketId id = insert(*store, ticket);
  ASSERT_GT(id.value, 0);

  auto found = store->find_ticket(id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->sla_fired, ticket.sla_fired);
  EXPECT_EQ((*found)->sla_next_check_at, ticket.sla_next_check_at);

  // An update overwrites both, down to none.
  Ticket changed = **found;
  changed.sla_fired.clear();
  changed.sla_next_check_at.reset();
  auto updated = store->write([&](WriteTransaction& tx) { return tx.update_ticket(changed); });
  ASSERT_TRUE(updated) << updated.error().message;
  found = store->find_ticket(id);
  ASSERT_TRUE(found && *found);
  EXPECT_TRUE((*found)->sla_fired.empty());
  EXPECT_EQ((*found)->sla_next_check_at, std::nullopt);

  // A ticket stored without them has none.
  const TicketId plain = insert(*store, sample_ticket("Plain"));
  auto stored = store->find_ticket(plain);
  ASSERT_TRUE(stored && *stored);
  EXPECT_TRUE((*stored)->sla_fired.empty());
  EXPECT_EQ((*stored)->sla_next_check_at, std::nullopt);
}

TEST(AutomationStore, TicketsDueForSlaComeEarliestFirstThenByIdUpToTheLimit) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const auto at = [](std::int64_t ms) { return std::optional<Timestamp>(from_epoch_ms(ms)); };
  // Inserted out of due order; two share a due time; one is due later; one never.
  const std::vector<std::optional<Timestamp>> next_checks{at(3000), std::nullopt, at(1000),
                                                          at(2000), at(2000),     at(9000)};
  std::vector<Ticket> tickets;
  for (const auto& next : next_checks) {
    Ticket ticket = sample_ticket();
    ticket.sla_next_check_at = next;
    tickets.push_back(ticket);
  }
  ASSERT_TRUE(testing::insert_tickets(*store, tickets));

  auto due = store->tickets_due_for_sla(from_epoch_ms(3000), 10);
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_EQ(*due, (std::vector<TicketId>{tickets[2].id, tickets[3].id, tickets[4].id, tickets[0].id}));

  due = store->tickets_due_for_sla(from_epoch_ms(3000), 2);
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_EQ(*due, (std::vector<TicketId>{tickets[2].id, tickets[3].id}));

  due = store->tickets_due_for_sla(from_epoch_ms(999), 10);
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_TRUE(due->empty());

  // Far in the future: every ticket with a next check, never the one without.
  due = store->tickets_due_for_sla(from_epoch_ms(1'000'000'000'000'000), 100);
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_EQ(due->size(), 5u);
  EXPECT_EQ(std::find(due->begin(), due->end(), tickets[1].id), due->end());
}

// ---- Notifications --------------------------------------------------------------------------

TEST(AutomationStore, NotificationsRoundTripAndPageNewestFirst) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const TicketId ticket = insert(*store, sample_ticket());
  std::vector<NotificationId> ada_ids;
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    for (int i = 0; i < 5; ++i) {
      Notification note = notification("ada", "SNAG-1 breached " + std::to_string(i));
      if (i == 0) {
        note.ticket = ticket;
        note.read_at = from_epoch_ms(1'780'000'000'500);
      }
      if (i == 1) note.rule.clear();
      auto id = tx.insert_notification(note);
      if (!id) return tl::unexpected(id.error());
      ada_ids.push_back(*id);
      if (auto other = tx.insert_notification(notification("bob", "not for ada")); !other) {
        return tl::unexpected(other.error());
      }
    }
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;

  NotificationQuery query;
  query.recipient = "ada";
  query.limit = 2;
  auto page = store->notifications(query);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(record_ids(page->items), (std::vector<std::int64_t>{ada_ids[4].value, ada_ids[3].value}));
  ASSERT_TRUE(page->next);
  EXPECT_EQ(*page->next, ada_ids[3]);

  query.before = page->next;
  page = store->notifications(query);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(record_ids(page->items), (std::vector<std::int64_t>{ada_ids[2].value, ada_ids[1].value}));
  ASSERT_TRUE(page->next);

  query.before = page->next;
  page = store->notifications(query);
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->next, std::nullopt);
  const Notification& first = page->items[0];
  EXPECT_EQ(first.id, ada_ids[0]);
  EXPECT_EQ(first.recipient, "ada");
  EXPECT_EQ(first.ticket, ticket);
  EXPECT_EQ(first.kind, "escalation");
  EXPECT_EQ(first.rule, "sev1-unassigned");
  EXPECT_EQ(first.message, "SNAG-1 breached 0");
  EXPECT_EQ(first.created_at, from_epoch_ms(1'780'000'000'000));
  EXPECT_EQ(first.read_at, from_epoch_ms(1'780'000'000'500));

  // A page exactly as long as what is left has no next.
  query.before = std::nullopt;
  query.limit = 5;
  page = store->notifications(query);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->items.size(), 5u);
  EXPECT_EQ(page->next, std::nullopt);
  EXPECT_EQ(page->items[3].rule, "");
  EXPECT_EQ(page->items[3].ticket, std::nullopt);
  EXPECT_EQ(page->items[3].read_at, std::nullopt);

  query.unread_only = true;
  page = store->notifications(query);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(record_ids(page->items),
            (std::vector<std::int64_t>{ada_ids[4].value, ada_ids[3].value, ada_ids[2].value, ada_ids[1].value}));

  query.recipient = "nobody";
  page = store->notifications(query);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_TRUE(page->items.empty());

  query.limit = 0;
  page = store->notifications(query);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().code, ErrorCode::invalid_argument);
}

TEST(AutomationStore, NotificationsAfterAnIdComeInIdOrderForEveryRecipient) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto none = store->last_notification_id();
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_EQ(*none, NotificationId{0});
  std::vector<NotificationId> ids;
  for (const char* recipient : {"ada", "bob", "ada", "cy"}) {
    auto id = in_write<NotificationId>(*store, [&](WriteTransaction& tx) {
      return tx.insert_notification(notification(recipient, "for " + std::string(recipient)));
    });
    ASSERT_TRUE(id) << id.error().message;
    ids.push_back(*id);
  }
  EXPECT_EQ(store->last_notification_id().value_or(NotificationId{}), ids.back());
  auto after = store->notifications_after(ids[0], 2);
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[0].id, ids[1]);
  EXPECT_EQ((*after)[0].recipient, "bob");
  EXPECT_EQ((*after)[1].id, ids[2]);
  EXPECT_EQ((*after)[1].message, "for ada");
  EXPECT_TRUE(store->notifications_after(ids.back(), 10).value_or(std::vector<Notification>{{}}).empty());
}

TEST(AutomationStore, InterviewsAreKeptPerConnectorAndObjectAndReplaced) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Interview interview;
  interview.connector = "sw-main";
  interview.object = "interview:981";
  interview.candidate = CandidateRef{"acme-ats", "c-88"};
  interview.starts_at = from_epoch_ms(1'780'100'000'000);
  interview.updated_at = from_epoch_ms(1'780'000'000'000);
  const auto find = [&](std::string_view connector, std::string_view object) {
    return in_write<std::optional<Interview>>(*store,
                                              [&](WriteTransaction& tx) { return tx.find_interview(connector, object); });
  };
  ASSERT_TRUE(in_write<bool>(*store, [&](WriteTransaction& tx) -> Result<bool> {
    if (auto stored = tx.upsert_interview(interview); !stored) return tl::unexpected(stored.error());
    return true;
  }));
  auto found = find("sw-main", "interview:981");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->candidate, interview.candidate);
  EXPECT_EQ((*found)->starts_at, interview.starts_at);
  EXPECT_FALSE((*found)->cancelled);
  EXPECT_EQ((*found)->updated_at, interview.updated_at);
  EXPECT_FALSE(find("gh-main", "interview:981").value_or(std::optional<Interview>{interview}).has_value());

  interview.cancelled = true;
  interview.starts_at.reset();
  ASSERT_TRUE(in_write<bool>(*store, [&](WriteTransaction& tx) -> Result<bool> {
    if (auto stored = tx.upsert_interview(interview); !stored) return tl::unexpected(stored.error());
    return true;
  }));
  found = find("sw-main", "interview:981");
  ASSERT_TRUE(found && *found);
  EXPECT_TRUE((*found)->cancelled);
  EXPECT_FALSE((*found)->starts_at.has_value());
}

TEST(AutomationStore, MarkingReadTouchesOnlyTheRecipientsUnreadOnes) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  std::vector<NotificationId> ada;
  std::vector<NotificationId> bob;
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    for (int i = 0; i < 4; ++i) {
      auto a = tx.insert_notification(notification("ada", "for ada"));
      if (!a) return tl::unexpected(a.error());
      ada.push_back(*a);
      auto b = tx.insert_notification(notification("bob", "for bob"));
      if (!b) return tl::unexpected(b.error());
      bob.push_back(*b);
    }
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  const auto unread = [&](std::string_view who) {
    auto count = store->unread_notification_count(who);
    EXPECT_TRUE(count) << count.error().message;
    return count ? *count : -1;
  };
  EXPECT_EQ(unread("ada"), 4);
  EXPECT_EQ(unread("bob"), 4);
  EXPECT_EQ(unread("nobody"), 0);

  // Two of ada's, one of bob's (ignored) and an unknown id.
  const Timestamp first_read = from_epoch_ms(1'780'000'001'000);
  auto marked = in_write<std::int64_t>(*store, [&](WriteTransaction& tx) {
    return tx.mark_notifications_read("ada", {ada[0], ada[2], bob[1], NotificationId{999'999}}, first_read);
  });
  ASSERT_TRUE(marked) << marked.error().message;
  EXPECT_EQ(*marked, 2);
  EXPECT_EQ(unread("ada"), 2);
  EXPECT_EQ(unread("bob"), 4);

  // Already read: not marked again, its read time kept.
  marked = in_write<std::int64_t>(*store, [&](WriteTransaction& tx) {
    return tx.mark_notifications_read("ada", {ada[0]}, from_epoch_ms(1'780'000'009'000));
  });
  ASSERT_TRUE(marked) << marked.error().message;
  EXPECT_EQ(*marked, 0);

  // No ids: every unread one of the recipient.
  marked = in_write<std::int64_t>(*store, [&](WriteTransaction& tx) {
    return tx.mark_notifications_read("ada", {}, from_epoch_ms(1'780'000'002'000));
  });
  ASSERT_TRUE(marked) << marked.error().message;
  EXPECT_EQ(*marked, 2);
  EXPECT_EQ(unread("ada"), 0);
  EXPECT_EQ(unread("bob"), 4);

  NotificationQuery query;
  query.recipient = "ada";
  auto page = store->notifications(query);
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 4u);
  EXPECT_EQ(page->items[3].id, ada[0]);
  EXPECT_EQ(page->items[3].read_at, first_read);
  EXPECT_EQ(page->items[0].read_at, from_epoch_ms(1'780'000'002'000));
  query.recipient = "bob";
  query.unread_only = true;
  page = store->notifications(query);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->items.size(), 4u);
}

TEST(AutomationStore, MarkingManyIdsReadAtOnce) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  std::vector<NotificationId> ids;
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    for (int i = 0; i < 1'203; ++i) {
      auto id = tx.insert_notification(notification("ada", "n" + std::to_string(i)));
      if (!id) return tl::unexpected(id.error());
      ids.push_back(*id);
    }
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  ids.pop_back();  // one stays unread
  auto marked = in_write<std::int64_t>(
      *store, [&](WriteTransaction& tx) { return tx.mark_notifications_read("ada", ids, from_epoch_ms(5)); });
  ASSERT_TRUE(marked) << marked.error().message;
  EXPECT_EQ(*marked, 1'202);
  auto count = store->unread_notification_count("ada");
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 1);
}

// ---- Suppression windows and their escalations ----------------------------------------------

TEST(AutomationStore, WindowsRoundTripAndUpdateOnlyTheirEnd) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  SuppressionWindow freeze = window("Q4 freeze");
  auto id =
      in_write<SuppressionWindowId>(*store, [&](WriteTransaction& tx) { return tx.insert_suppression_window(freeze); });
  ASSERT_TRUE(id) << id.error().message;

  auto found = store->find_suppression_window(*id);
  ASSERT_TRUE(found && *found);
  const SuppressionWindow& stored = **found;
  EXPECT_EQ(stored.id, *id);
  EXPECT_EQ(stored.name, "Q4 freeze");
  EXPECT_EQ(stored.reason, "Hiring freeze");
  EXPECT_EQ(stored.scope, WindowScope::team);
  EXPECT_EQ(stored.scope_value, "recruiting");
  EXPECT_EQ(stored.starts_at, freeze.starts_at);
  EXPECT_EQ(stored.ends_at, freeze.ends_at);
  EXPECT_EQ(stored.on_end, WindowEndPolicy::fire);
  EXPECT_EQ(stored.created_by, "alice");
  EXPECT_EQ(stored.created_at, freeze.created_at);
  EXPECT_EQ(stored.ended_early_at, std::nullopt);
  EXPECT_EQ(stored.settled_at, std::nullopt);

  // Ended early and settled; the other fields are not the update's to change.
  SuppressionWindow ended = stored;
  ended.ends_at = from_epoch_ms(1'780'000'600'000);
  ended.ended_early_at = from_epoch_ms(1'780'000'600'000);
  ended.settled_at = from_epoch_ms(1'780'000'601'000);
  ended.name = "renamed";
  ended.scope = WindowScope::all;
  auto updated = store->write([&](WriteTransaction& tx) -> Result<void> {
    if (auto done = tx.update_suppression_window(ended); !done) return done;
    auto seen = tx.find_suppression_window(*id);  // the write's own change, before the commit
    if (!seen) return tl::unexpected(seen.error());
    EXPECT_TRUE(*seen && (*seen)->settled_at == ended.settled_at);
    return {};
  });
  ASSERT_TRUE(updated) << updated.error().message;
  found = store->find_suppression_window(*id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->ends_at, ended.ends_at);
  EXPECT_EQ((*found)->ended_early_at, ended.ended_early_at);
  EXPECT_EQ((*found)->settled_at, ended.settled_at);
  EXPECT_EQ((*found)->name, "Q4 freeze");
  EXPECT_EQ((*found)->scope, WindowScope::team);

  SuppressionWindow missing = ended;
  missing.id = SuppressionWindowId{id->value + 100};
  auto not_there = store->write([&](WriteTransaction& tx) { return tx.update_suppression_window(missing); });
  ASSERT_FALSE(not_there);
  EXPECT_EQ(not_there.error().code, ErrorCode::not_found);
  auto none = store->find_suppression_window(missing.id);
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, std::nullopt);
}

TEST(AutomationStore, WindowsListNewestFirstAndUnsettledInIdOrder) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  std::vector<SuppressionWindowId> ids;
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    for (int i = 0; i < 4; ++i) {
      SuppressionWindow added = window("w" + std::to_string(i));
      if (i == 1) added.settled_at = from_epoch_ms(1'780'100'000'000);
      if (i == 2) {
        added.scope = WindowScope::all;
        added.scope_value.clear();
        added.on_end = WindowEndPolicy::drop;
      }
      auto id = tx.insert_suppression_window(added);
      if (!id) return tl::unexpected(id.error());
      ids.push_back(*id);
    }
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;

  auto all = store->list_suppression_windows();
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(record_ids(*all), (std::vector<std::int64_t>{ids[3].value, ids[2].value, ids[1].value, ids[0].value}));
  EXPECT_EQ((*all)[1].scope, WindowScope::all);
  EXPECT_EQ((*all)[1].scope_value, "");
  EXPECT_EQ((*all)[1].on_end, WindowEndPolicy::drop);

  auto unsettled = in_write<std::vector<SuppressionWindow>>(
      *store, [](WriteTransaction& tx) { return tx.unsettled_suppression_windows(); });
  ASSERT_TRUE(unsettled) << unsettled.error().message;
  EXPECT_EQ(record_ids(*unsettled), (std::vector<std::int64_t>{ids[0].value, ids[2].value, ids[3].value}));
}

TEST(AutomationStore, EscalationsAreHeldSettledAndDeletedWithTheirWindow) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const TicketId ticket = insert(*store, sample_ticket());
  SuppressionWindowId freeze;
  SuppressionWindowId other;
  std::vector<SuppressedEscalationId> held;
  SuppressedEscalationId elsewhere;
  auto written = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_suppression_window(window("freeze"));
    if (!id) return tl::unexpected(id.error());
    freeze = *id;
    id = tx.insert_suppression_window(window("other"));
    if (!id) return tl::unexpected(id.error());
    other = *id;
    for (const char* rule : {"escalate-50", "escalate-75", "breach"}) {
      auto escalated = tx.insert_suppressed_escalation(escalation(freeze, ticket, rule));
      if (!escalated) return tl::unexpected(escalated.error());
      held.push_back(*escalated);
    }
    auto escalated = tx.insert_suppressed_escalation(escalation(other, ticket, "breach"));
    if (!escalated) return tl::unexpected(escalated.error());
    elsewhere = *escalated;
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;

  auto stored = store->suppressed_escalations(freeze);
  ASSERT_TRUE(stored) << stored.error().message;
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ(record_ids(*stored), (std::vector<std::int64_t>{held[0].value, held[1].value, held[2].value}));
  EXPECT_EQ((*stored)[1].window, freeze);
  EXPECT_EQ((*stored)[1].ticket, ticket);
  EXPECT_EQ((*stored)[1].rule, "escalate-75");
  EXPECT_EQ((*stored)[1].due_at, from_epoch_ms(1'780'000'500'000));
  EXPECT_EQ((*stored)[1].state, SuppressedState::held);
  EXPECT_EQ((*stored)[1].settled_at, std::nullopt);

  // One fires, one is dropped: only the third is still held.
  auto settled = store->write([&](WriteTransaction& tx) -> Result<void> {
    if (auto done = tx.settle_suppressed_escalation(held[0], SuppressedState::fired, from_epoch_ms(7)); !done) {
      return done;
    }
    return tx.settle_suppressed_escalation(held[1], SuppressedState::dropped, from_epoch_ms(8));
  });
  ASSERT_TRUE(settled) << settled.error().message;
  auto still_held = in_write<std::vector<SuppressedEscalation>>(
      *store, [&](WriteTransaction& tx) { return tx.held_escalations(freeze); });
  ASSERT_TRUE(still_held) << still_held.error().message;
  EXPECT_EQ(record_ids(*still_held), std::vector<std::int64_t>{held[2].value});
  stored = store->suppressed_escalations(freeze);
  ASSERT_TRUE(stored && stored->size() == 3u);
  EXPECT_EQ((*stored)[0].state, SuppressedState::fired);
  EXPECT_EQ((*stored)[0].settled_at, from_epoch_ms(7));
  EXPECT_EQ((*stored)[1].state, SuppressedState::dropped);
  EXPECT_EQ((*stored)[1].settled_at, from_epoch_ms(8));

  auto unknown = store->write([&](WriteTransaction& tx) {
    return tx.settle_suppressed_escalation(SuppressedEscalationId{999'999}, SuppressedState::fired, from_epoch_ms(9));
  });
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);

  // An escalation needs its window.
  auto orphan = store->write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_suppressed_escalation(escalation(SuppressionWindowId{999'999}, ticket, "breach"));
    if (!id) return tl::unexpected(id.error());
    return {};
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::not_found);

  // Deleting a window takes its escalations with it, and only its own.
  auto deleted = in_write<bool>(*store, [&](WriteTransaction& tx) { return tx.delete_suppression_window(freeze); });
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_TRUE(*deleted);
  auto gone = store->find_suppression_window(freeze);
  ASSERT_TRUE(gone);
  EXPECT_EQ(*gone, std::nullopt);
  stored = store->suppressed_escalations(freeze);
  ASSERT_TRUE(stored);
  EXPECT_TRUE(stored->empty());
  EXPECT_EQ(count_rows(database.url(), "suppressed_escalations"), 1);
  stored = store->suppressed_escalations(other);
  ASSERT_TRUE(stored);
  EXPECT_EQ(record_ids(*stored), std::vector<std::int64_t>{elsewhere.value});

  deleted = in_write<bool>(*store, [&](WriteTransaction& tx) { return tx.delete_suppression_window(freeze); });
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_FALSE(*deleted);
}

TEST(AutomationStore, AFailedWriteLeavesNoNotificationOrWindowBehind) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  auto failed = store->write([&](WriteTransaction& tx) -> Result<void> {
    if (auto id = tx.insert_notification(notification("ada", "rolled back")); !id) return tl::unexpected(id.error());
    if (auto id = tx.insert_suppression_window(window("rolled back")); !id) return tl::unexpected(id.error());
    return fail(ErrorCode::conflict, "rolled back on purpose");
  });
  ASSERT_FALSE(failed);
  auto count = store->unread_notification_count("ada");
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0);
  auto windows = store->list_suppression_windows();
  ASSERT_TRUE(windows);
  EXPECT_TRUE(windows->empty());
}

// ---- Migration from version 6 ---------------------------------------------------------------

// A database at schema version 6, as the previous release left it, with a ticket.
void create_version_6(const TestDatabase& database) {
  std::string sql;
  if (database.is_postgresql()) {
    sql = "CREATE TABLE snag_schema (version INTEGER NOT NULL); INSERT INTO snag_schema (version) VALUES (6);";
    for (int version = 1; version <= 6; ++version) sql += sql::migration_sql(version, sql::postgresql_dialect());
  } else {
    std::filesystem::create_directories(database.file().parent_path());
    sql = "BEGIN;";
    for (int version = 1; version <= 6; ++version) sql += sql::migration_sql(version, sql::sqlite_dialect());
    sql += "PRAGMA user_version = 6; COMMIT;";
  }
  execute_sql(database.url(), sql);
  execute_sql(database.url(),
              "INSERT INTO tickets (type, title, description, status, severity, team, reporter, created_at, "
              "updated_at, version) VALUES ('offer_problem', 'Old ticket', 'described', 'new', 'sev2', 'recruiting', "
              "'seed', 1000, 1000, 1);");
}

TEST(AutomationStore, MigratingAVersion6DatabaseKeepsItsTicketsWithNothingDue) {
  TestDatabase database;
  create_version_6(database);
  auto migrated = migrate_database(database.url());
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(*migrated, sql::latest_schema_version());
  EXPECT_GE(*migrated, 7);

  auto store = database.open();
  ASSERT_TRUE(store);
  auto ticket = store->find_ticket(TicketId{1});
  ASSERT_TRUE(ticket && *ticket) << (ticket ? "no ticket" : ticket.error().message);
  EXPECT_EQ((*ticket)->title, "Old ticket");
  EXPECT_TRUE((*ticket)->sla_fired.empty());
  EXPECT_EQ((*ticket)->sla_next_check_at, std::nullopt);
  auto due = store->tickets_due_for_sla(from_epoch_ms(1'000'000'000'000'000), 10);
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_TRUE(due->empty());

  // The old ticket takes the new fields.
  Ticket changed = **ticket;
  changed.sla_fired = {"resolution:50%"};
  changed.sla_next_check_at = from_epoch_ms(2000);
  auto written = store->write([&](WriteTransaction& tx) { return tx.update_ticket(changed); });
  ASSERT_TRUE(written) << written.error().message;
  due = store->tickets_due_for_sla(from_epoch_ms(2000), 10);
  ASSERT_TRUE(due) << due.error().message;
  EXPECT_EQ(*due, std::vector<TicketId>{TicketId{1}});
}

}  // namespace automation_store_test
}  // namespace snag
