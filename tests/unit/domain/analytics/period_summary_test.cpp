#include <gtest/gtest.h>

#include <snag/domain/analytics/period_summary.hpp>

namespace snag {
namespace period_summary_test {

const Timestamp k_from = *parse_rfc3339("2026-11-23T08:00:00Z");
const Timestamp k_to = *parse_rfc3339("2026-11-30T08:00:00Z");

Ticket ticket(const char* opened, std::optional<const char*> resolved, std::optional<const char*> due) {
  Ticket made;
  made.created_at = *parse_rfc3339(opened);
  if (resolved) made.resolved_at = *parse_rfc3339(*resolved);
  if (due) made.resolution_due_at = *parse_rfc3339(*due);
  return made;
}

TEST(PeriodSummary, CountsOpenOpenedAndResolvedWithTheResolvedTicketsHoursAndTarget) {
  PeriodSummaryBuilder builder(k_from, k_to);
  // Opened before, resolved in the period after 200 h, 16 h late.
  builder.add(ticket("2026-11-16T00:00:00Z", "2026-11-24T08:00:00Z", "2026-11-23T16:00:00Z"));
  // Opened and resolved in the period after 10 h, in time.
  builder.add(ticket("2026-11-25T00:00:00Z", "2026-11-25T10:00:00Z", "2026-11-26T00:00:00Z"));
  // Opened in the period after 4 h, no target.
  builder.add(ticket("2026-11-27T00:00:00Z", "2026-11-27T04:00:00Z", std::nullopt));
  // Open, past due: breached; open with time left: running.
  builder.add(ticket("2026-10-01T00:00:00Z", std::nullopt, "2026-10-05T00:00:00Z"));
  builder.add(ticket("2026-11-29T00:00:00Z", std::nullopt, "2026-12-02T00:00:00Z"));
  // Resolved after the period's end: open at it.
  builder.add(ticket("2026-11-28T00:00:00Z", "2026-11-30T09:00:00Z", std::nullopt));
  // Resolved before the period: counts nowhere; opened after it: likewise.
  builder.add(ticket("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"));
  builder.add(ticket("2026-11-30T08:00:00Z", std::nullopt, std::nullopt));

  const PeriodSummary summary = builder.summary();
  EXPECT_EQ(summary.from, k_from);
  EXPECT_EQ(summary.to, k_to);
  EXPECT_EQ(summary.open, 3);
  EXPECT_EQ(summary.opened, 4);
  EXPECT_EQ(summary.resolved, 3);
  EXPECT_DOUBLE_EQ(*summary.mean_hours_to_resolve, (200.0 + 10.0 + 4.0) / 3.0);
  EXPECT_DOUBLE_EQ(*summary.median_hours_to_resolve, 10.0);
  EXPECT_EQ(summary.resolution_target.met, 1);
  EXPECT_EQ(summary.resolution_target.breached, 2);
  EXPECT_EQ(summary.resolution_target.running, 1);
}

TEST(PeriodSummary, NothingResolvedLeavesNoHoursAndAnEvenCountTakesTheMiddlePairsMean) {
  PeriodSummaryBuilder empty(k_from, k_to);
  empty.add(ticket("2026-11-24T00:00:00Z", std::nullopt, std::nullopt));
  EXPECT_FALSE(empty.summary().mean_hours_to_resolve);
  EXPECT_FALSE(empty.summary().median_hours_to_resolve);

  PeriodSummaryBuilder even(k_from, k_to);
  for (const char* resolved :
       {"2026-11-24T01:00:00Z", "2026-11-24T03:00:00Z", "2026-11-24T06:00:00Z", "2026-11-24T20:00:00Z"}) {
    even.add(ticket("2026-11-24T00:00:00Z", resolved, std::nullopt));
  }
  EXPECT_DOUBLE_EQ(*even.summary().median_hours_to_resolve, 4.5);
  EXPECT_DOUBLE_EQ(*even.summary().mean_hours_to_resolve, 7.5);
}

}  // namespace period_summary_test
}  // namespace snag
