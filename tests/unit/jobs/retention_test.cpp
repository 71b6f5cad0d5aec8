// Retention runs on real stores (app/compliance/retention.hpp): the plan lists the tickets whose
// time is up under the first matching rule, less those a legal hold keeps; a purge deletes them
// with their comments and notifications, leaves their journal entries redacted with one that
// records the purge, and the chain still verifies; a released hold lets its tickets go next run.

#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/compliance/retention.hpp>
#include <snag/domain/ticket_changes.hpp>

#include "../app/fake_store.hpp"

namespace snag {
namespace retention_test {

using namespace std::chrono_literals;

const Timestamp k_now = *parse_rfc3339("2026-11-30T09:00:00Z");
constexpr auto k_day = 24h;

const RetentionPolicy k_policy{{
    {"background_check_delay", std::nullopt, 30, 7},
    {"*", std::nullopt, 365, 30},
}};

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
  }

  // A ticket about candidate `external_id`, with a comment and a notification naming Jane.
  TicketId add(const std::string& type, const std::string& external_id, std::optional<Timestamp> resolved_at) {
    Ticket ticket;
    ticket.type = type;
    ticket.title = "Jane Roe: " + type;
    ticket.status = resolved_at ? "resolved" : "in_progress";
    ticket.team = "compliance";
    ticket.reporter = "rita";
    ticket.candidate = CandidateRef{"greenhouse", external_id};
    ticket.created_at = k_now - 800 * k_day;
    ticket.updated_at = ticket.created_at;
    ticket.resolved_at = resolved_at;
    TicketId id;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto inserted = tx.insert_ticket(ticket);
      if (!inserted) return tl::unexpected(inserted.error());
      id = *inserted;
      ticket.id = id;
      if (auto journaled = tx.append_journal(id, ticket.created_at, "rita", "create", creation_journal(ticket));
          !journaled) {
        return journaled;
      }
      if (auto comment = tx.insert_comment(id, "rita", "Jane called", ticket.created_at); !comment) {
        return tl::unexpected(comment.error());
      }
      auto notified = tx.insert_notification(
          Notification{{}, "rita", id, "rule", "", "Jane's ticket", ticket.created_at, std::nullopt});
      if (!notified) return tl::unexpected(notified.error());
      return {};
    }));
    return id;
  }

  void purge_candidate(const std::string& external_id, Timestamp at) {
    Candidate candidate{{"greenhouse", external_id}, {}, at, at, at, std::nullopt};
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto stored = tx.upsert_candidate(candidate);
      if (!stored) return tl::unexpected(stored.error());
      return {};
    }));
  }

  std::vector<TicketId> due_ids(const RetentionPlan& plan) {
    std::vector<TicketId> ids;
    for (const auto& due : plan.due) ids.push_back(due.ticket);
    return ids;
  }

  std::int64_t rows(const std::string& table_and_condition) {
    return testing::count_rows(database.url(), table_and_condition);
  }

  testing::TestDatabase database;
  std::unique_ptr<Store> store;
};

TEST_F(RetentionTest, ThePlanListsWhatIsDueAndThePurgeLeavesOnlyARedactedJournal) {
  const TicketId old_closed = add("other", "1", k_now - 400 * k_day);
  const TicketId recent = add("other", "2", k_now - 10 * k_day);
  const TicketId purged_candidates = add("other", "3", std::nullopt);
  purge_candidate("3", k_now - 40 * k_day);
  const TicketId held = add("other", "4", k_now - 400 * k_day);
  const TicketId check = add("background_check_delay", "5", k_now - 31 * k_day);
  const TicketId fresh_purge = add("other", "6", std::nullopt);
  purge_candidate("6", k_now - 10 * k_day);
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    LegalHold hold;
    hold.candidate = CandidateRef{"greenhouse", "4"};
    hold.reason = "litigation";
    hold.placed_by = "lee";
    hold.placed_at = k_now;
    auto placed = tx.insert_legal_hold(hold);
    if (!placed) return tl::unexpected(placed.error());
    return {};
  }));

  auto plan = plan_retention(*store, k_policy, k_now);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->examined, 6);
  EXPECT_EQ(plan->held, 1);
  EXPECT_EQ(due_ids(*plan), (std::vector<TicketId>{old_closed, purged_candidates, check}));
  EXPECT_EQ(describe(plan->due[1].deadline), "30 days after the ATS purged the candidate");
  EXPECT_EQ(describe(plan->due[2].deadline), "30 days after it closed");

  std::vector<std::size_t> progress;
  auto purged = purge_tickets(*store, plan->due, k_now, [&](std::size_t done, std::size_t) { progress.push_back(done); });
  ASSERT_TRUE(purged) << purged.error().message;
  EXPECT_EQ(*purged, 3);
  EXPECT_EQ(progress, std::vector<std::size_t>{3});
  for (const TicketId gone : {old_closed, purged_candidates, check}) {
    auto found = store->find_ticket(gone);
    ASSERT_TRUE(found);
    EXPECT_FALSE(*found) << ticket_key(gone);
  }
  for (const TicketId kept : {recent, held, fresh_purge}) {
    auto found = store->find_ticket(kept);
    ASSERT_TRUE(found && *found) << ticket_key(kept);
  }
  EXPECT_EQ(rows("comments"), 3);
  EXPECT_EQ(rows("notifications"), 3);

  // The journal outlives the ticket, without its personal values, and says why it went.
  auto journal = store->ticket_journal(old_closed);
  ASSERT_TRUE(journal);
  ASSERT_EQ(journal->size(), 2u);
  EXPECT_TRUE(journal->front().redacted);
  EXPECT_EQ(journal->front().new_value.dump().find("Jane"), std::string::npos);
  EXPECT_EQ(journal->back().action, "purge");
  EXPECT_EQ(journal->back().new_value, "365 days after it closed");
  ChainVerifier verifier;
  ASSERT_TRUE(store->scan_journal([&](const JournalEntry& entry) { return verifier.add(entry); }));
  EXPECT_TRUE(verifier.verdict().ok) << verifier.verdict().reason;
  EXPECT_EQ(verifier.verdict().redacted, 3);

  // Nothing more is due; a purge of what is gone changes nothing.
  plan = plan_retention(*store, k_policy, k_now);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->due.empty());
  EXPECT_EQ(plan->held, 1);
  auto again = purge_tickets(*store, {DueTicket{old_closed, "other", {k_now, false, 365}}}, k_now);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);

  // Released, the held ticket goes at the next run.
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    auto holds = tx.active_legal_holds();
    if (!holds) return tl::unexpected(holds.error());
    LegalHold hold = holds->front();
    hold.released_at = k_now;
    hold.released_by = "lee";
    return tx.update_legal_hold(hold);
  }));
  plan = plan_retention(*store, k_policy, k_now);
  ASSERT_TRUE(plan);
  EXPECT_EQ(due_ids(*plan), std::vector<TicketId>{held});
}

TEST_F(RetentionTest, AHoldPlacedAfterThePlanStillKeepsItsTicket) {
  const TicketId due = add("other", "1", k_now - 400 * k_day);
  auto plan = plan_retention(*store, k_policy, k_now);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->due.size(), 1u);
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    LegalHold hold;
    hold.ticket = due;
    hold.reason = "subpoena";
    hold.placed_by = "lee";
    hold.placed_at = k_now;
    auto placed = tx.insert_legal_hold(hold);
    if (!placed) return tl::unexpected(placed.error());
    return {};
  }));
  auto purged = purge_tickets(*store, plan->due, k_now);
  ASSERT_TRUE(purged);
  EXPECT_EQ(*purged, 0);
  auto found = store->find_ticket(due);
  ASSERT_TRUE(found && *found);
}

}  // namespace retention_test
}  // namespace snag
