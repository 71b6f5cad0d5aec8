// The automation sweep on real stores: schedule rules change the open tickets whose conditions
// hold, once, journaled with the rules that acted; done tickets and fresh ones are left alone.

#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/ticket_writes.hpp>
#include <snag/config/settings.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/jobs/automation_job.hpp>

namespace snag {
namespace automation_job_test {

using namespace std::chrono_literals;

const char* const k_rules = R"(
rules:
  - name: stale-new-tickets
    when: schedule
    if:
      all:
        - {field: ticket.status, eq: new}
        - {field: ticket.created_at, older_than: 3d}
    then: [{set_severity: sev2}, {add_label: stale}]
)";

class AutomationSweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
    auto parsed = parse_settings(k_rules, "rules.yaml", {});
    ASSERT_TRUE(parsed) << parsed.error().message;
    settings = std::move(*parsed);
  }

  TicketId open(const std::string& title, Timestamp at) {
    TicketDraft draft;
    draft.type = "interview_scheduling_conflict";  // sev3 by default
    draft.title = title;
    Actor actor;
    actor.name = "tester";
    actor.role = "admin";
    const TicketRouter router(settings.catalog, no_rules());
    TicketId id;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto opened = open_ticket(settings.catalog, draft, actor, at);
      if (!opened) return tl::unexpected(opened.error());
      auto inserted = insert_opened_ticket(tx, router, actor, std::move(*opened), at);
      if (!inserted) return tl::unexpected(inserted.error());
      id = inserted->id;
      return {};
    }));
    return id;
  }

  Ticket ticket(TicketId id) {
    auto found = store->find_ticket(id);
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : Ticket{};
  }

  bool sweep(Timestamp now) {
    Job job;
    job.kind = std::string(k_automation_sweep_job);
    JobContext context(*store, job, now);
    const RuleBook book(settings.rules);
    const TicketRouter router(settings.catalog, book);
    return static_cast<bool>(make_automation_sweep_handler(router)(job, context));
  }

  testing::TestDatabase database;
  std::unique_ptr<Store> store;
  Settings settings;
  const Timestamp t0 = from_epoch_ms(1'780'000'000'000);
};

TEST_F(AutomationSweepTest, AStaleTicketIsRaisedOnceAndTheJournalNamesTheRule) {
  const TicketId stale = open("Panel double-booked", t0);
  const TicketId fresh = open("Room clash", t0 + 2 * 24h);
  const TicketId done = open("Solved clash", t0);
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    auto current = tx.find_ticket(done);
    if (!current || !*current) return fail(ErrorCode::not_found, "gone");
    auto moved = transition_ticket(settings.catalog, **current, "in_progress", t0);
    if (!moved) return tl::unexpected(moved.error());
    auto resolved = transition_ticket(settings.catalog, *moved, "resolved", t0);
    if (!resolved) return tl::unexpected(resolved.error());
    return tx.update_ticket(*resolved);
  }));

  ASSERT_TRUE(sweep(t0 + 2 * 24h));
  EXPECT_EQ(ticket(stale).severity, Severity::sev3) << "not yet three days old";

  const Timestamp later = t0 + 4 * 24h;
  ASSERT_TRUE(sweep(later));
  const Ticket raised = ticket(stale);
  EXPECT_EQ(raised.severity, Severity::sev2);
  EXPECT_NE(std::find(raised.labels.begin(), raised.labels.end(), "stale"), raised.labels.end());
  EXPECT_EQ(raised.version, 2);
  EXPECT_EQ(ticket(fresh).severity, Severity::sev3);
  EXPECT_EQ(ticket(done).severity, Severity::sev3) << "a resolved ticket is not swept";

  auto journal = store->ticket_journal(stale);
  ASSERT_TRUE(journal);
  const auto rules = std::find_if(journal->begin(), journal->end(),
                                  [](const JournalEntry& entry) { return entry.field == "rules"; });
  ASSERT_NE(rules, journal->end());
  EXPECT_EQ(rules->actor, "snag:automation");
  EXPECT_EQ(rules->action, "update");
  EXPECT_EQ(rules->new_value, nlohmann::json{"stale-new-tickets"});

  // The rule's condition still holds, but its actions change nothing any more.
  const auto entries = journal->size();
  ASSERT_TRUE(sweep(later + 1h));
  EXPECT_EQ(ticket(stale).version, 2);
  EXPECT_EQ(store->ticket_journal(stale)->size(), entries);
}

TEST_F(AutomationSweepTest, TheSweepPagesThroughManyOpenTickets) {
  for (int i = 0; i < 1203; ++i) open("Clash " + std::to_string(i), t0);
  ASSERT_TRUE(sweep(t0 + 4 * 24h));
  EXPECT_EQ(testing::count_rows(database.url(), "tickets WHERE severity = 'sev2'"), 1203);
}

}  // namespace automation_job_test
}  // namespace snag
