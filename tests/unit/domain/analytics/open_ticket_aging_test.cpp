#include <gtest/gtest.h>

#include <snag/domain/analytics/open_ticket_aging.hpp>

namespace snag {
namespace open_ticket_aging_test {

const Timestamp k_now = *parse_rfc3339("2026-11-30T08:00:00Z");

Ticket ticket(std::int64_t id, std::string team, std::string type, std::chrono::hours age, bool resolved = false) {
  Ticket opened;
  opened.id = TicketId{id};
  opened.team = std::move(team);
  opened.type = std::move(type);
  opened.created_at = k_now - age;
  if (resolved) opened.resolved_at = k_now - std::chrono::hours(1);
  return opened;
}

TEST(OpenTicketAging, BucketsOpenTicketsPerTeamAndTypeByWholeDaysWithTheOldestOfEach) {
  using std::chrono::hours;
  OpenTicketAging aging;
  aging.add(ticket(1, "hris", "document_missing", hours(71)), k_now);                // 2 days 23 h: 0-2
  aging.add(ticket(2, "hris", "document_missing", hours(72)), k_now);                // 3 days: 3-7
  aging.add(ticket(3, "hris", "document_missing", hours(240)), k_now);               // 10 days: 8-14
  aging.add(ticket(4, "recruitment", "offer_link_expired", hours(31 * 24)), k_now);  // 31 days: >30
  aging.add(ticket(5, "recruitment", "offer_link_expired", hours(30 * 24)), k_now);  // 30 days: 15-30
  aging.add(ticket(6, "hris", "data_sync_mismatch", hours(900 * 24), true), k_now);  // resolved: nowhere

  const auto rows = aging.rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].team, "hris");
  EXPECT_EQ(rows[0].type, "document_missing");
  EXPECT_EQ(rows[0].open, 3);
  EXPECT_EQ(rows[0].aging, (std::array<std::int64_t, 5>{1, 1, 1, 0, 0}));
  EXPECT_EQ(rows[0].oldest, TicketId{3});
  EXPECT_EQ(rows[0].oldest_age_days, 10);
  EXPECT_EQ(rows[1].team, "recruitment");
  EXPECT_EQ(rows[1].aging, (std::array<std::int64_t, 5>{0, 0, 0, 1, 1}));
  EXPECT_EQ(rows[1].oldest, TicketId{4});
  EXPECT_EQ(rows[1].oldest_age_days, 31);

  EXPECT_EQ(aging.total().open, 5);
  EXPECT_EQ(aging.total().aging, (std::array<std::int64_t, 5>{1, 1, 1, 1, 1}));
  EXPECT_EQ(aging.total().oldest, TicketId{4});
}

TEST(OpenTicketAging, TicketsOfTheSameAgeNameTheLowerKeyAsTheOldest) {
  OpenTicketAging aging;
  aging.add(ticket(9, "hris", "other", std::chrono::hours(50)), k_now);
  aging.add(ticket(7, "hris", "other", std::chrono::hours(49)), k_now);  // also 2 whole days
  EXPECT_EQ(aging.rows().at(0).oldest, TicketId{7});
  EXPECT_EQ(aging.rows().at(0).oldest_age_days, 2);
}

TEST(OpenTicketAging, NothingOpenLeavesAnEmptyTotal) {
  OpenTicketAging aging;
  aging.add(ticket(1, "hris", "other", std::chrono::hours(5), true), k_now);
  EXPECT_TRUE(aging.rows().empty());
  EXPECT_EQ(aging.total().open, 0);
}

}  // namespace open_ticket_aging_test
}  // namespace snag
