// Store::ticket_volume, the volume report's aggregate, on every backend: each figure is
// computed by hand from the tickets below.

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

namespace snag {
namespace ticket_volume_test {

using testing::sample_ticket;
using testing::TestDatabase;

const Timestamp k_now = from_epoch_ms(1'790'000'000'000);

Ticket opened_days_ago(std::string team, int days, std::optional<int> resolved_after_hours = std::nullopt) {
  Ticket ticket = sample_ticket();
  ticket.team = std::move(team);
  ticket.type = "other";
  ticket.severity = Severity::sev3;
  ticket.created_at = k_now - std::chrono::days(days);
  ticket.updated_at = ticket.created_at;
  if (resolved_after_hours) {
    ticket.status = "resolved";
    ticket.resolved_at = ticket.created_at + std::chrono::hours(*resolved_after_hours);
  }
  return ticket;
}

class TicketVolumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
  }

  void insert(std::vector<Ticket> tickets) {
    auto written = testing::insert_tickets(*m_store, tickets);
    ASSERT_TRUE(written) << written.error().message;
  }

  std::vector<VolumeRow> volume(VolumeGrouping grouping, const TicketQuery& query = {}) {
    auto rows = m_store->ticket_volume(query, grouping, k_now);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<VolumeRow>{};
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
};

TEST_F(TicketVolumeTest, CountsOpenAndResolvedWithMeanAndMedianHoursPerGroup) {
  std::vector<Ticket> tickets;
  // recruitment: resolved after 1, 2, 3 and 10 hours (mean 4, median 2.5), two open.
  for (int hours : {10, 1, 3, 2}) tickets.push_back(opened_days_ago("recruitment", 20, hours));
  tickets.push_back(opened_days_ago("recruitment", 1));
  tickets.push_back(opened_days_ago("recruitment", 40));
  // hris: resolved after 6, 3 and 9 hours (mean 6, median 6).
  for (int hours : {6, 3, 9}) tickets.push_back(opened_days_ago("hris", 5, hours));
  insert(std::move(tickets));

  const auto rows = volume(VolumeGrouping::team);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].group, "hris");  // ordered by group
  EXPECT_EQ(rows[0].open, 0);
  EXPECT_EQ(rows[0].resolved, 3);
  EXPECT_DOUBLE_EQ(rows[0].mean_hours_to_resolve.value_or(-1), 6.0);
  EXPECT_DOUBLE_EQ(rows[0].median_hours_to_resolve.value_or(-1), 6.0);
  EXPECT_EQ(rows[1].group, "recruitment");
  EXPECT_EQ(rows[1].open, 2);
  EXPECT_EQ(rows[1].resolved, 4);
  EXPECT_DOUBLE_EQ(rows[1].mean_hours_to_resolve.value_or(-1), 4.0);
  EXPECT_DOUBLE_EQ(rows[1].median_hours_to_resolve.value_or(-1), 2.5);
  EXPECT_EQ(rows[1].aging, (std::array<std::int64_t, 5>{1, 0, 0, 0, 1}));
}

TEST_F(TicketVolumeTest, AgesOpenTicketsInWholeDaysIntoTheFiveBuckets) {
  std::vector<Ticket> tickets;
  // The bucket edges: 2|3, 7|8, 14|15, 30|31 days.
  for (int days : {0, 2, 3, 7, 8, 14, 15, 30, 31, 400}) tickets.push_back(opened_days_ago("it_support", days));
  tickets.push_back(opened_days_ago("it_support", 100, 5));  // resolved: not aging
  tickets.push_back(opened_days_ago("it_support", -1));      // opened after `now` on a node ahead
  insert(std::move(tickets));
  const auto rows = volume(VolumeGrouping::team);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].aging, (std::array<std::int64_t, 5>{3, 2, 2, 2, 2}));
  EXPECT_EQ(rows[0].open, 11);
  EXPECT_EQ(rows[0].resolved, 1);
}

TEST_F(TicketVolumeTest, GroupsByTypeSeverityOrAssigneeAndAppliesTheScope) {
  Ticket unassigned = opened_days_ago("hris", 1);
  Ticket assigned = opened_days_ago("recruitment", 1);
  assigned.assignee = "rita";
  assigned.severity = Severity::sev1;
  assigned.type = "document_missing";
  insert({unassigned, assigned});

  const auto by_assignee = volume(VolumeGrouping::assignee);
  ASSERT_EQ(by_assignee.size(), 2u);
  EXPECT_EQ(by_assignee[0].group, "");  // nobody
  EXPECT_EQ(by_assignee[1].group, "rita");
  EXPECT_FALSE(by_assignee[1].mean_hours_to_resolve);
  EXPECT_FALSE(by_assignee[1].median_hours_to_resolve);
  const auto by_severity = volume(VolumeGrouping::severity);
  ASSERT_EQ(by_severity.size(), 2u);
  EXPECT_EQ(by_severity[0].group, "sev1");
  const auto by_type = volume(VolumeGrouping::issue_type);
  ASSERT_EQ(by_type.size(), 2u);
  EXPECT_EQ(by_type[0].group, "document_missing");

  TicketQuery hris_only;
  hris_only.scope = TicketScope{std::nullopt, false, std::string("hris"), "nobody"};
  const auto scoped = volume(VolumeGrouping::team, hris_only);
  ASSERT_EQ(scoped.size(), 1u);
  EXPECT_EQ(scoped[0].group, "hris");
}

}  // namespace ticket_volume_test
}  // namespace snag
