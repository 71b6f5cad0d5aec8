// SLA adherence per group: met, breached (late or open past due) and still running, with
// adherence = met / (met + breached).

#include "sla_tickets.hpp"
#include <gtest/gtest.h>

#include <snag/domain/sla/sla_adherence.hpp>

namespace snag {
namespace sla_adherence_test {

using testing::at;
using testing::default_catalog;

// sev3 on us_eastern: 4 business hours to respond, 24 to resolve; opened Monday 2 March 10:00,
// due Monday 14:00 and Thursday 10:00.
Ticket opened(const std::string& type, Severity severity = Severity::sev3) {
  TicketDraft draft;
  draft.type = type;
  draft.title = "Problem";
  draft.severity = severity;
  auto ticket = open_ticket(default_catalog(), draft, testing::k_sla_reporter, at("2026-03-02T10:00:00-05:00"));
  if (!ticket) throw std::runtime_error(ticket.error().message);
  return *ticket;
}

Ticket moved(Ticket ticket, std::initializer_list<std::pair<std::string_view, std::string_view>> steps) {
  for (const auto& [to, when] : steps) ticket = testing::moved(ticket, to, when);
  return ticket;
}

TEST(SlaAdherence, CountsMetBreachedAndRunningPerGroup) {
  const Timestamp wednesday = at("2026-03-04T12:00:00-05:00");
  SlaAdherence by_team(SlaGrouping::team);
  // hris: answered and resolved in time; answered late and still open (running until Thursday).
  by_team.add(moved(opened("document_missing"), {{"in_progress", "2026-03-02T11:00:00-05:00"},
                                                 {"resolved", "2026-03-03T11:00:00-05:00"}}),
              wednesday);
  by_team.add(moved(opened("document_missing"), {{"in_progress", "2026-03-02T16:00:00-05:00"}}), wednesday);
  // recruitment: never answered, and resolved after its due time.
  by_team.add(opened("interview_scheduling_conflict"), wednesday);
  by_team.add(moved(opened("interview_scheduling_conflict"), {{"in_progress", "2026-03-02T11:00:00-05:00"},
                                                              {"resolved", "2026-03-06T11:00:00-05:00"}}),
              at("2026-03-09T12:00:00-04:00"));

  const auto rows = by_team.rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].group, "hris");
  EXPECT_EQ(rows[0].tickets, 2);
  EXPECT_EQ(rows[0].first_response.met, 1);
  EXPECT_EQ(rows[0].first_response.breached, 1);
  EXPECT_EQ(rows[0].resolution.met, 1);
  EXPECT_EQ(rows[0].resolution.running, 1);
  EXPECT_EQ(rows[0].resolution.adherence(), 1.0);
  EXPECT_EQ(rows[1].group, "recruitment");
  EXPECT_EQ(rows[1].first_response.breached, 1);
  EXPECT_EQ(rows[1].first_response.met, 1);
  EXPECT_EQ(rows[1].resolution.breached, 1);
  EXPECT_EQ(rows[1].resolution.running, 1);
  EXPECT_EQ(rows[1].resolution.adherence(), 0.0);
}

TEST(SlaAdherence, GroupsBySeverityAndTypeAndLeavesAdherenceOpenWithoutOutcomes) {
  SlaAdherence by_severity(SlaGrouping::severity);
  by_severity.add(opened("document_missing", Severity::sev1), at("2026-03-02T11:00:00-05:00"));
  by_severity.add(opened("document_missing", Severity::sev4), at("2026-03-02T11:00:00-05:00"));
  const auto rows = by_severity.rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].group, "sev1");
  EXPECT_EQ(rows[1].group, "sev4");
  EXPECT_EQ(rows[1].resolution.running, 1);
  EXPECT_FALSE(rows[1].resolution.adherence());

  SlaAdherence by_type(SlaGrouping::issue_type);
  by_type.add(opened("access_problem"), at("2026-03-02T11:00:00-05:00"));
  EXPECT_EQ(by_type.rows().front().group, "access_problem");
  EXPECT_EQ(parse_sla_grouping("type"), SlaGrouping::issue_type);
  EXPECT_FALSE(parse_sla_grouping("assignee"));
}

}  // namespace sla_adherence_test
}  // namespace snag
