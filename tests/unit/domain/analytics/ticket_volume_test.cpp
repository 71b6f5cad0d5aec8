#include <gtest/gtest.h>

#include <snag/domain/analytics/ticket_volume.hpp>

namespace snag {
namespace {

const Timestamp k_now = from_epoch_ms(1'790'000'000'000);

Ticket opened_days_ago(std::string team, int days, std::optional<int> resolved_after_hours = std::nullopt) {
  Ticket ticket;
  ticket.team = std::move(team);
  ticket.type = "other";
  ticket.severity = Severity::sev3;
  ticket.created_at = k_now - std::chrono::days(days);
  if (resolved_after_hours) ticket.resolved_at = ticket.created_at + std::chrono::hours(*resolved_after_hours);
  return ticket;
}

TEST(TicketVolume, CountsOpenAndResolvedWithMeanAndMedianHoursPerGroup) {
  TicketVolume volume(VolumeGrouping::team);
  // recruitment: resolved after 1, 2, 3 and 10 hours (mean 4, median 2.5), two open.
  for (int hours : {10, 1, 3, 2}) volume.add(opened_days_ago("recruitment", 20, hours), k_now);
  volume.add(opened_days_ago("recruitment", 1), k_now);
  volume.add(opened_days_ago("recruitment", 40), k_now);
  // hris: resolved after 6 and 3 and 9 hours (mean 6, median 6).
  for (int hours : {6, 3, 9}) volume.add(opened_days_ago("hris", 5, hours), k_now);

  const auto rows = volume.rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].group, "hris");  // ordered by group
  EXPECT_EQ(rows[0].open, 0);
  EXPECT_EQ(rows[0].resolved, 3);
  EXPECT_DOUBLE_EQ(*rows[0].mean_hours_to_resolve, 6.0);
  EXPECT_DOUBLE_EQ(*rows[0].median_hours_to_resolve, 6.0);
  EXPECT_EQ(rows[1].group, "recruitment");
  EXPECT_EQ(rows[1].open, 2);
  EXPECT_EQ(rows[1].resolved, 4);
  EXPECT_DOUBLE_EQ(*rows[1].mean_hours_to_resolve, 4.0);
  EXPECT_DOUBLE_EQ(*rows[1].median_hours_to_resolve, 2.5);
}

TEST(TicketVolume, AgesOpenTicketsInWholeDaysIntoTheFiveBuckets) {
  TicketVolume volume(VolumeGrouping::team);
  // The bucket edges: 2|3, 7|8, 14|15, 30|31 days.
  for (int days : {0, 2, 3, 7, 8, 14, 15, 30, 31, 400}) volume.add(opened_days_ago("it_support", days), k_now);
  // Resolved tickets are not aging.
  volume.add(opened_days_ago("it_support", 100, 5), k_now);
  const auto rows = volume.rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].aging, (std::array<std::int64_t, 5>{2, 2, 2, 2, 2}));
  EXPECT_EQ(rows[0].open, 10);
  EXPECT_EQ(rows[0].resolved, 1);
}

TEST(TicketVolume, GroupsByTypeSeverityOrAssigneeAndLeavesTimesOutWhenNothingIsResolved) {
  Ticket unassigned = opened_days_ago("hris", 1);
  Ticket assigned = opened_days_ago("hris", 1);
  assigned.assignee = "rita";
  assigned.severity = Severity::sev1;
  assigned.type = "document_missing";

  TicketVolume by_assignee(VolumeGrouping::assignee);
  by_assignee.add(unassigned, k_now);
  by_assignee.add(assigned, k_now);
  const auto rows = by_assignee.rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].group, "");  // nobody
  EXPECT_EQ(rows[1].group, "rita");
  EXPECT_FALSE(rows[1].mean_hours_to_resolve);
  EXPECT_FALSE(rows[1].median_hours_to_resolve);

  TicketVolume by_severity(VolumeGrouping::severity);
  by_severity.add(assigned, k_now);
  EXPECT_EQ(by_severity.rows()[0].group, "sev1");
  TicketVolume by_type(VolumeGrouping::issue_type);
  by_type.add(assigned, k_now);
  EXPECT_EQ(by_type.rows()[0].group, "document_missing");

  EXPECT_EQ(parse_volume_grouping("type"), VolumeGrouping::issue_type);
  EXPECT_FALSE(parse_volume_grouping("candidate"));
  EXPECT_EQ(to_string(VolumeGrouping::assignee), "assignee");
}

}  // namespace
}  // namespace snag
