#include "sla_tickets.hpp"
#include <gtest/gtest.h>

#include <snag/domain/sla/sla_clock.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {
namespace sla_clock_test {

using namespace std::chrono_literals;
using testing::at;
using testing::default_catalog;
using testing::k_sla_reporter;
using testing::moved;

// document_missing: sev3, team hris, the default workflow; us_eastern unless a candidate's
// geography says otherwise. sev3 targets: 4 business hours to respond, 24 to resolve.
Ticket opened_at(std::string_view when, std::optional<std::string> geography = std::nullopt) {
  TicketDraft draft;
  draft.type = "document_missing";
  draft.title = "I-9 missing";
  if (geography) draft.candidate = CandidateRef{"greenhouse", "53883394"};
  auto ticket = open_ticket(default_catalog(), draft, k_sla_reporter, at(when), geography);
  if (!ticket) throw std::runtime_error(ticket.error().message);
  return *ticket;
}

std::string due(const std::optional<Timestamp>& at) { return at ? format_rfc3339(*at) : "none"; }

TEST(SlaClock, PendingPushesTheDueTimeByTheBusinessTimeSpentPending) {
  Ticket ticket = opened_at("2026-03-02T10:00:00-05:00");  // Monday
  ASSERT_EQ(due(ticket.resolution_due_at), due(at("2026-03-05T10:00:00-05:00")));
  ticket = moved(ticket, "in_progress", "2026-03-02T11:00:00-05:00");
  ticket = moved(ticket, "pending", "2026-03-02T15:00:00-05:00");
  EXPECT_EQ(ticket.sla_paused_at, at("2026-03-02T15:00:00-05:00"));
  EXPECT_TRUE(sla_state(ticket, at("2026-03-09T00:00:00-05:00")).paused);
  // Monday 15:00-17:00 and Tuesday 09:00-11:00: four business hours pending.
  ticket = moved(ticket, "in_progress", "2026-03-03T11:00:00-05:00");
  EXPECT_FALSE(ticket.sla_paused_at);
  EXPECT_EQ(ticket.sla_paused_for, 4h);
  EXPECT_EQ(due(ticket.resolution_due_at), due(at("2026-03-05T14:00:00-05:00")));
}

TEST(SlaClock, PendingOverAWeekendPushesTheDueTimeByNothing) {
  Ticket ticket = opened_at("2026-03-05T10:00:00-05:00");  // Thursday
  const auto before = ticket.resolution_due_at;
  EXPECT_EQ(due(before), due(at("2026-03-10T10:00:00-04:00")));
  ticket = moved(ticket, "in_progress", "2026-03-06T09:00:00-05:00");
  ticket = moved(ticket, "pending", "2026-03-06T17:00:00-05:00");      // Friday at closing time
  ticket = moved(ticket, "in_progress", "2026-03-09T09:00:00-04:00");  // Monday at opening time
  EXPECT_EQ(ticket.sla_paused_for, 0h);
  EXPECT_EQ(due(ticket.resolution_due_at), due(before));
}

TEST(SlaClock, IsNotBreachedWhilePausedAndIsJudgedAtResolution) {
  Ticket ticket = opened_at("2026-03-02T10:00:00-05:00");
  ticket = moved(ticket, "in_progress", "2026-03-02T11:00:00-05:00");
  ticket = moved(ticket, "pending", "2026-03-04T10:00:00-05:00");
  // A month later, still waiting on the candidate: the clock stands at Wednesday 10:00.
  EXPECT_FALSE(sla_state(ticket, at("2026-04-02T10:00:00-04:00")).breached);
  ticket = moved(ticket, "resolved", "2026-04-02T10:00:00-04:00");
  EXPECT_FALSE(sla_state(ticket, at("2026-05-01T10:00:00-04:00")).breached);
  EXPECT_FALSE(sla_state(ticket, at("2026-05-01T10:00:00-04:00")).paused);
}

TEST(SlaClock, StopsWhenDoneAndReopeningPushesByTheTimeSpentDone) {
  Ticket ticket = opened_at("2026-03-02T10:00:00-05:00");
  ticket = moved(ticket, "in_progress", "2026-03-02T11:00:00-05:00");
  ticket = moved(ticket, "resolved", "2026-03-03T10:00:00-05:00");
  ticket = moved(ticket, "in_progress", "2026-03-03T12:00:00-05:00");
  EXPECT_EQ(due(ticket.resolution_due_at), due(at("2026-03-05T12:00:00-05:00")));
  // Moves between done statuses leave the clock alone.
  ticket = moved(ticket, "resolved", "2026-03-04T10:00:00-05:00");
  const auto stopped = ticket.resolution_due_at;
  ticket = moved(ticket, "verified", "2026-03-10T10:00:00-04:00");
  EXPECT_EQ(ticket.resolution_due_at, stopped);
  EXPECT_EQ(ticket.resolved_at, at("2026-03-04T10:00:00-05:00"));
}

TEST(SlaClock, FirstResponseIsTheFirstMoveOutOfTheInitialStatus) {
  Ticket ticket = opened_at("2026-03-02T10:00:00-05:00");
  EXPECT_EQ(due(ticket.first_response_due_at), due(at("2026-03-02T14:00:00-05:00")));
  EXPECT_FALSE(sla_state(ticket, at("2026-03-02T14:00:00-05:00")).first_response_breached);
  EXPECT_TRUE(sla_state(ticket, at("2026-03-02T14:00:01-05:00")).first_response_breached);
  ticket = moved(ticket, "triaged", "2026-03-02T13:00:00-05:00");
  EXPECT_EQ(ticket.first_responded_at, at("2026-03-02T13:00:00-05:00"));
  ticket = moved(ticket, "in_progress", "2026-03-02T16:00:00-05:00");
  EXPECT_EQ(ticket.first_responded_at, at("2026-03-02T13:00:00-05:00"));
  EXPECT_FALSE(sla_state(ticket, at("2026-03-09T00:00:00-05:00")).first_response_breached);
}

TEST(SlaClock, AnsweringLateBreachesTheFirstResponse) {
  Ticket ticket = opened_at("2026-03-02T10:00:00-05:00");
  ticket = moved(ticket, "in_progress", "2026-03-03T10:00:00-05:00");
  EXPECT_TRUE(sla_state(ticket, at("2026-03-03T10:00:00-05:00")).first_response_breached);
  EXPECT_FALSE(sla_state(ticket, at("2026-03-03T10:00:00-05:00")).breached);
}

TEST(SlaClock, TheCandidatesGeographyChoosesTheCalendar) {
  // Berlin, Monday 10:00: 09:00-12:00 and 13:00-17:00, 7 hours a day. 24 hours: three days and
  // three hours, so Thursday 14:00.
  const Ticket ticket = opened_at("2026-03-02T10:00:00+01:00", "DE-BY");
  EXPECT_EQ(ticket.sla_calendar, "germany");
  EXPECT_EQ(due(ticket.resolution_due_at), due(at("2026-03-05T14:00:00+01:00")));
  EXPECT_EQ(due(ticket.first_response_due_at), due(at("2026-03-02T15:00:00+01:00")));
  EXPECT_EQ(opened_at("2026-03-02T10:00:00-05:00", "IN").sla_calendar, "us_eastern");
}

TEST(SlaClock, ASeverityWithItsOwnCalendarWinsOverGeography) {
  Ticket ticket = opened_at("2026-03-02T10:00:00+01:00", "DE");
  TicketEdit edit;
  edit.severity = Severity::sev1;
  ticket = *edit_ticket(default_catalog(), ticket, edit, at("2026-03-02T10:05:00+01:00"));
  EXPECT_EQ(ticket.sla_calendar, "24x7");
  EXPECT_EQ(due(ticket.resolution_due_at), due(at("2026-03-02T14:00:00+01:00")));
  // Back to sev3: the geography's calendar again, counted from the opening.
  edit.severity = Severity::sev3;
  ticket = *edit_ticket(default_catalog(), ticket, edit, at("2026-03-02T10:10:00+01:00"));
  EXPECT_EQ(ticket.sla_calendar, "germany");
  EXPECT_EQ(due(ticket.resolution_due_at), due(at("2026-03-05T14:00:00+01:00")));
}

TEST(SlaClock, RecomputingKeepsThePushesOfEarlierPauses) {
  Ticket ticket = opened_at("2026-03-02T10:00:00-05:00");
  ticket = moved(ticket, "in_progress", "2026-03-02T11:00:00-05:00");
  ticket = moved(ticket, "pending", "2026-03-02T15:00:00-05:00");
  ticket = moved(ticket, "in_progress", "2026-03-03T11:00:00-05:00");  // 4 business hours pending
  TicketEdit edit;
  edit.severity = Severity::sev2;  // 8 business hours to resolve
  ticket = *edit_ticket(default_catalog(), ticket, edit, at("2026-03-03T12:00:00-05:00"));
  EXPECT_EQ(due(ticket.resolution_due_at), due(at("2026-03-03T14:00:00-05:00")));
  // The first response was given: its due time is history and stays.
  EXPECT_EQ(due(ticket.first_response_due_at), due(at("2026-03-02T14:00:00-05:00")));
}

}  // namespace sla_clock_test
}  // namespace snag
