// Where a ticket's SLA points fall (the shipped sla rules: 75%, breach, breach + 8h, and the two
// breaches themselves), in business time, which have passed, and when the sweep must look next.

#include "sla_tickets.hpp"
#include <gtest/gtest.h>

#include <snag/domain/sla/sla_points.hpp>

namespace snag {
namespace sla_points_test {

using testing::at;
using testing::default_catalog;
using testing::moved;

// document_missing: sev3 on us_eastern (09:00-17:00 weekdays): 4 business hours to respond, 24
// to resolve. Opened Monday 2 March 2026 at 10:00.
Ticket opened_monday() {
  TicketDraft draft;
  draft.type = "document_missing";
  draft.title = "I-9 missing";
  auto ticket = open_ticket(default_catalog(), draft, testing::k_sla_reporter, at("2026-03-02T10:00:00-05:00"));
  if (!ticket) throw std::runtime_error(ticket.error().message);
  return *ticket;
}

std::string when(const std::optional<Timestamp>& time) { return time ? format_rfc3339(*time) : "never"; }

std::vector<std::string> names(const std::vector<DueSlaPoint>& due) {
  std::vector<std::string> result;
  for (const auto& point : due) result.push_back(point.point.name);
  return result;
}

TEST(SlaPoints, FallInTheTicketsBusinessCalendar) {
  const Ticket ticket = opened_monday();
  const SlaPolicy& policy = default_catalog().sla;
  const auto point_time = [&](SlaPoint point) { return when(sla_point_time(policy, ticket, point)); };
  // 75% of 24 business hours is 18: Monday 7, Tuesday 8, Wednesday 3.
  EXPECT_EQ(point_time({SlaPoint::Kind::share_of_resolution, 0.75, {}}), when(at("2026-03-04T12:00:00-05:00")));
  EXPECT_EQ(point_time({SlaPoint::Kind::resolution_breach, 1.0, {}}), when(at("2026-03-05T10:00:00-05:00")));
  // Eight business hours after Thursday 10:00: seven on Thursday, one on Friday.
  EXPECT_EQ(point_time({SlaPoint::Kind::resolution_breach, 1.0, std::chrono::hours(8)}),
            when(at("2026-03-06T10:00:00-05:00")));
  EXPECT_EQ(point_time({SlaPoint::Kind::first_response_breach, 1.0, {}}), when(at("2026-03-02T14:00:00-05:00")));
}

TEST(SlaPoints, TheNextCheckIsTheEarliestPointNotPassed) {
  Ticket ticket = opened_monday();
  EXPECT_EQ(when(ticket.sla_next_check_at), when(at("2026-03-02T14:00:00-05:00")));  // the first response
  ticket = moved(ticket, "triaged", "2026-03-02T11:00:00-05:00");
  EXPECT_EQ(when(ticket.sla_next_check_at), when(at("2026-03-04T12:00:00-05:00")));  // 75%
  ticket.sla_fired = {"sla-nearing-breach", std::string(k_resolution_breach_point), "sla-breached"};
  refresh_sla_next_check(default_catalog().sla, ticket);
  // The legal hand-over applies to screening and compliance types only, but it is still a
  // point: its rule's condition is checked when it falls.
  EXPECT_EQ(when(ticket.sla_next_check_at), when(at("2026-03-06T10:00:00-05:00")));
}

TEST(SlaPoints, DuePointsComeEarliestFirstAndEachOnce) {
  Ticket ticket = opened_monday();
  const SlaPolicy& policy = default_catalog().sla;
  const Timestamp thursday_noon = at("2026-03-05T12:00:00-05:00");
  EXPECT_EQ(names(due_sla_points(policy, ticket, thursday_noon)),
            (std::vector<std::string>{std::string(k_first_response_breach_point), "sla-nearing-breach",
                                      std::string(k_resolution_breach_point), "sla-breached"}));
  for (const auto& point : due_sla_points(policy, ticket, thursday_noon)) ticket.sla_fired.push_back(point.point.name);
  EXPECT_TRUE(due_sla_points(policy, ticket, thursday_noon).empty());
  EXPECT_EQ(names(due_sla_points(policy, ticket, at("2026-03-06T10:00:00-05:00"))),
            (std::vector<std::string>{"sla-breach-to-legal"}));
}

TEST(SlaPoints, NothingFallsWhileTheClockIsPausedOrStopped) {
  Ticket ticket = opened_monday();
  ticket = moved(ticket, "in_progress", "2026-03-02T11:00:00-05:00");
  ticket = moved(ticket, "pending", "2026-03-02T12:00:00-05:00");
  EXPECT_FALSE(ticket.sla_next_check_at);
  EXPECT_TRUE(due_sla_points(default_catalog().sla, ticket, at("2026-03-20T12:00:00-04:00")).empty());
  // A business day pending pushes 75% from Wednesday 12:00 to Thursday 12:00.
  ticket = moved(ticket, "in_progress", "2026-03-03T12:00:00-05:00");
  EXPECT_EQ(when(ticket.sla_next_check_at), when(at("2026-03-05T12:00:00-05:00")));
  ticket = moved(ticket, "resolved", "2026-03-03T13:00:00-05:00");
  EXPECT_FALSE(ticket.sla_next_check_at);
}

}  // namespace sla_points_test
}  // namespace snag
