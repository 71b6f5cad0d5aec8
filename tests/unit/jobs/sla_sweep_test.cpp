// Escalation on real stores, on a manual clock: the SLA sweep journals breaches, lets the sla
// rules act at their points (the shipped ladder: tell the assignee at 75%, a senior recruiter at
// the breach, legal a business day later), each once however often it runs; suppression windows
// hold escalations back and, when they end, fire them once or drop them.

#include "../app/fake_store.hpp"
#include "../support/test_time.hpp"
#include "job_fixtures.hpp"
#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/automation/sla_sweep.hpp>
#include <snag/app/automation/suppression_window_service.hpp>
#include <snag/app/ticket_writes.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/jobs/automation_job.hpp>

namespace snag {
namespace sla_sweep_test {

using testing::default_catalog;
using testing::default_router;
using testing::ManualClock;

using testing::at;

class SlaSweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
    add_user("cora", "compliance", "compliance");
    add_user("lena", "legal", "legal");
    add_user("sam", "senior_recruiter", "recruitment");
    add_user("rita", "recruiter", "recruitment");
  }

  void add_user(const std::string& name, const std::string& role, const std::string& team) {
    testing::add_user(*store, name, role, team, k_monday);
  }

  // background_check_delay: compliance, sev2 (2 business hours to respond, 8 to resolve) on
  // us_eastern (09:00-17:00 weekdays). Opened Monday 10:00: 75% falls Monday 16:00, the breach
  // Tuesday 10:00, breach + 8h Wednesday 10:00.
  TicketId open(const std::string& type, const std::string& assignee) {
    TicketDraft draft;
    draft.type = type;
    draft.title = "Check stuck at the vendor";
    draft.assignee = assignee;
    return testing::open_routed_ticket(*store, draft, k_monday);
  }

  SlaSweepResult sweep(std::string_view when) {
    auto swept = run_sla_sweep(*store, default_router(), at(when));
    EXPECT_TRUE(swept) << swept.error().message;
    return swept ? *swept : SlaSweepResult{};
  }

  Ticket ticket(TicketId id) {
    auto found = store->find_ticket(id);
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : Ticket{};
  }

  // One per event (an event's entries, one per field, share its number).
  std::vector<std::string> journal_actions(TicketId id) {
    std::vector<std::string> actions;
    std::optional<std::int64_t> last_event;
    const auto journal = store->ticket_journal(id);
    for (const JournalEntry& entry : *journal) {
      if (last_event == entry.event) continue;
      last_event = entry.event;
      actions.push_back(entry.action);
    }
    return actions;
  }

  std::vector<std::string> messages_of(const std::string& person) {
    NotificationQuery query;
    query.recipient = person;
    std::vector<std::string> messages;
    const auto page = store->notifications(query);
    for (const Notification& notification : page->items) {
      messages.push_back(notification.rule);
    }
    return messages;
  }

  SuppressionWindow freeze(WindowScope scope, std::string value, std::string_view from, std::string_view to,
                           WindowEndPolicy on_end) {
    SuppressionWindow window;
    window.name = "Q1 hiring freeze";
    window.scope = scope;
    window.scope_value = std::move(value);
    window.starts_at = at(from);
    window.ends_at = at(to);
    window.on_end = on_end;
    ManualClock clock(k_monday);
    const SuppressionWindowService windows(*store, default_catalog(), clock, access);
    auto created = windows.create(admin, window);
    EXPECT_TRUE(created) << created.error().message;
    return created ? *created : window;
  }

  testing::TestDatabase database;
  std::unique_ptr<Store> store;
  const Timestamp k_monday = at("2026-03-02T10:00:00-05:00");
  pii::Detector detector{{}};
  AccessGuard access{default_catalog(), detector};
  Actor admin{"ada", "admin", std::nullopt, "key:1", "127.0.0.1", std::nullopt};
};

TEST_F(SlaSweepTest, TheShippedLadderActsAtEachPointOnce) {
  const TicketId id = open("background_check_delay", "cora");
  EXPECT_EQ(sweep("2026-03-02T11:00:00-05:00").tickets, 0u) << "nothing is due yet";

  EXPECT_EQ(sweep("2026-03-02T15:00:00-05:00").breaches, 1u) << "no first response by 12:00";
  EXPECT_TRUE(messages_of("cora").empty());

  EXPECT_EQ(sweep("2026-03-02T16:30:00-05:00").escalations, 1u);
  EXPECT_EQ(messages_of("cora"), std::vector<std::string>{"sla-nearing-breach"});

  const SlaSweepResult breach = sweep("2026-03-03T10:30:00-05:00");
  EXPECT_EQ(breach.breaches, 1u);
  EXPECT_EQ(breach.escalations, 1u);
  // Compliance has no senior recruiter: the assignee stays and is told.
  EXPECT_EQ(ticket(id).assignee, "cora");
  EXPECT_EQ(messages_of("cora"), (std::vector<std::string>{"sla-breached", "sla-nearing-breach"}));

  const SlaSweepResult again = sweep("2026-03-03T10:30:00-05:00");
  EXPECT_EQ(again.tickets, 0u) << "a point acts once";
  EXPECT_EQ(sweep("2026-03-03T18:00:00-05:00").tickets, 0u) << "eight business hours have not passed";

  EXPECT_EQ(sweep("2026-03-04T10:30:00-05:00").escalations, 1u);
  const Ticket with_legal = ticket(id);
  EXPECT_EQ(with_legal.team, "legal");
  EXPECT_EQ(with_legal.severity, Severity::sev1);
  EXPECT_EQ(messages_of("lena"), std::vector<std::string>{"sla-breach-to-legal"});
  EXPECT_FALSE(with_legal.sla_next_check_at) << "every point has passed";
  EXPECT_EQ(journal_actions(id),
            (std::vector<std::string>{"create", "sla_breach", "escalate", "sla_breach", "escalate", "escalate"}));
  EXPECT_EQ(sweep("2026-03-20T10:30:00-04:00").tickets, 0u);
}

TEST_F(SlaSweepTest, AtTheBreachARecruitmentTicketGoesToTheLeastLoadedSeniorRecruiter) {
  const TicketId id = open("offer_link_expired", "rita");  // recruitment, sev2
  sweep("2026-03-03T10:30:00-05:00");
  const Ticket escalated = ticket(id);
  EXPECT_EQ(escalated.assignee, "sam");
  EXPECT_EQ(escalated.team, "recruitment") << "only screening and compliance problems go to legal";
  EXPECT_EQ(messages_of("sam"), std::vector<std::string>{"sla-breached"});
  auto journal = store->ticket_journal(id);
  const auto rules = std::find_if(journal->rbegin(), journal->rend(),
                                  [](const JournalEntry& entry) { return entry.field == "rules"; });
  ASSERT_NE(rules, journal->rend());
  EXPECT_EQ(rules->actor, "snag:escalation");
  EXPECT_EQ(rules->action, "escalate");
  EXPECT_EQ(rules->new_value, nlohmann::json{"sla-breached"});
}

TEST_F(SlaSweepTest, AWindowHoldsEscalationsInItsScopeAndFiresThemOnceWhenItEnds) {
  const TicketId frozen = open("background_check_delay", "cora");
  const TicketId outside = open("offer_link_expired", "rita");
  const SuppressionWindow window = freeze(WindowScope::team, "compliance", "2026-03-03T09:00:00-05:00",
                                          "2026-03-03T12:00:00-05:00", WindowEndPolicy::fire);
  sweep("2026-03-02T16:30:00-05:00");  // before the window: 75% reaches cora
  const SlaSweepResult during = sweep("2026-03-03T10:30:00-05:00");
  EXPECT_EQ(during.suppressed, 1u);
  EXPECT_EQ(during.breaches, 2u) << "the breaches themselves are events, journaled in any window";
  EXPECT_EQ(messages_of("cora"), std::vector<std::string>{"sla-nearing-breach"}) << "no breach alert";
  EXPECT_EQ(ticket(outside).assignee, "sam") << "the window covers compliance only";
  auto held = store->suppressed_escalations(window.id);
  ASSERT_TRUE(held);
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ((*held)[0].ticket, frozen);
  EXPECT_EQ((*held)[0].rule, "sla-breached");
  EXPECT_EQ((*held)[0].state, SuppressedState::held);

  EXPECT_EQ(sweep("2026-03-03T11:00:00-05:00").released, 0u) << "still inside the window";
  const SlaSweepResult after = sweep("2026-03-03T12:05:00-05:00");
  EXPECT_EQ(after.released, 1u);
  EXPECT_EQ(messages_of("cora"), (std::vector<std::string>{"sla-breached", "sla-nearing-breach"}));
  EXPECT_EQ(store->suppressed_escalations(window.id)->front().state, SuppressedState::fired);
  EXPECT_TRUE(store->find_suppression_window(window.id)->value().settled_at);
  EXPECT_EQ(sweep("2026-03-03T12:30:00-05:00").released, 0u) << "a held escalation fires once";
  EXPECT_EQ(messages_of("cora").size(), 2u);
}

TEST_F(SlaSweepTest, AWindowThatDropsLetsTheHeldEscalationsGo) {
  const TicketId frozen = open("background_check_delay", "cora");
  const SuppressionWindow window = freeze(WindowScope::all, "", "2026-03-02T09:00:00-05:00",
                                          "2026-03-03T12:00:00-05:00", WindowEndPolicy::drop);
  EXPECT_EQ(sweep("2026-03-03T10:30:00-05:00").suppressed, 2u);  // 75% and the breach
  EXPECT_EQ(sweep("2026-03-03T12:05:00-05:00").dropped, 2u);
  EXPECT_TRUE(messages_of("cora").empty());
  const auto suppressed = store->suppressed_escalations(window.id);
  for (const auto& escalation : *suppressed) {
    EXPECT_EQ(escalation.state, SuppressedState::dropped);
  }
  EXPECT_EQ(ticket(frozen).team, "compliance");
  // The next point falls after the window: it acts.
  EXPECT_EQ(sweep("2026-03-04T10:30:00-05:00").escalations, 1u);
  EXPECT_EQ(ticket(frozen).team, "legal");
}

TEST_F(SlaSweepTest, AStartedWindowEndsEarlyButIsNotDeleted) {
  ManualClock clock(at("2026-03-03T10:00:00-05:00"));
  const SuppressionWindowService windows(*store, default_catalog(), clock, access);
  const SuppressionWindow started = freeze(WindowScope::issue_type, "background_check_delay",
                                           "2026-03-03T09:00:00-05:00", "2026-03-05T09:00:00-05:00",
                                           WindowEndPolicy::fire);
  const SuppressionWindow later = freeze(WindowScope::geography, "US", "2026-03-10T09:00:00-04:00",
                                         "2026-03-11T09:00:00-04:00", WindowEndPolicy::drop);
  auto refused = windows.remove(admin, started.id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  auto ended = windows.end_now(admin, started.id);
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(ended->ends_at, clock.now());
  EXPECT_EQ(ended->ended_early_at, clock.now());
  EXPECT_EQ(windows.end_now(admin, started.id).error().code, ErrorCode::conflict) << "already ended";
  EXPECT_EQ(windows.end_now(admin, later.id).error().code, ErrorCode::conflict) << "not started";
  EXPECT_TRUE(windows.remove(admin, later.id));
  EXPECT_EQ(windows.get(admin, later.id).error().code, ErrorCode::not_found);

  Actor recruiter{"rita", "recruiter", "recruitment", "key:2", "127.0.0.1", std::nullopt};
  EXPECT_EQ(windows.list(recruiter).error().code, ErrorCode::permission_denied);
  SuppressionWindow unknown_team;
  unknown_team.name = "x";
  unknown_team.scope = WindowScope::team;
  unknown_team.scope_value = "marketing";
  unknown_team.starts_at = clock.now();
  unknown_team.ends_at = clock.now() + std::chrono::hours(1);
  const auto invalid = windows.create(admin, unknown_team);
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(invalid.error().fields.front().field, "scope.value");
}

}  // namespace sla_sweep_test
}  // namespace snag
