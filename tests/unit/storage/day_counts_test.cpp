// ticket_day_counts, the per-day openings that the weekly adoption and trend reports read, on
// every backend: kept through inserts, a change of type, a retention delete and the synthetic
// probe's tickets; answering the same as the tickets themselves; and filled from the existing
// tickets by its migration.

#include <map>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>
#include <test_database.hpp>

#include <snag/domain/ats/synthetic_probe.hpp>

namespace snag {
namespace day_counts_test {

using testing::sample_ticket;
using testing::TestDatabase;
using WeekCounts = std::map<std::pair<std::string, std::int64_t>, std::int64_t>;

const Timestamp k_monday = *parse_rfc3339("2026-11-02T00:00:00Z");

Ticket opened(std::string type, std::string reporter, std::chrono::hours after_monday) {
  Ticket ticket = sample_ticket();
  ticket.type = std::move(type);
  ticket.reporter = std::move(reporter);
  ticket.created_at = k_monday + after_monday;
  ticket.updated_at = ticket.created_at;
  return ticket;
}

class DayCountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
    using std::chrono::hours;
    std::vector<Ticket> tickets{
        opened("document_missing", "alice", hours(1)),            // week 0
        opened("document_missing", "alice", hours(6 * 24 + 23)),  // week 0, its last hour
        opened("offer_link_expired", "bob", hours(7 * 24 + 5)),   // week 1
        opened("document_missing", "bob", hours(8 * 24)),         // week 1, retyped below
        opened("offer_link_expired", "alice", hours(-1)),         // before the first week
        opened("other", "carol", hours(9 * 24)),                  // deleted below
        opened("resume_parse_failure", "probe", hours(2)),        // the synthetic probe's
    };
    tickets.back().candidate = synthetic_candidate();
    auto written = testing::insert_tickets(*m_store, tickets);
    ASSERT_TRUE(written) << written.error().message;
    Ticket retyped = tickets[3];
    retyped.type = "offer_link_expired";
    auto changed = m_store->write([&](WriteTransaction& tx) -> Result<void> {
      if (auto updated = tx.update_ticket(retyped); !updated) return updated;
      auto deleted = tx.delete_ticket(tickets[5].id);
      if (!deleted) return tl::unexpected(deleted.error());
      return {};
    });
    ASSERT_TRUE(changed) << changed.error().message;
  }

  // The weekly counts since k_monday; `through_tickets` adds a filter the day counts do not hold
  // (every status there is), so the store reads the tickets instead.
  WeekCounts weekly(WeeklyCountKey key, bool through_tickets) {
    TicketQuery query;
    query.created_after = k_monday;
    if (through_tickets) query.statuses = {"new"};
    auto counts = m_store->weekly_counts(query, k_monday, key);
    EXPECT_TRUE(counts) << counts.error().message;
    WeekCounts by_group_week;
    if (counts) {
      for (const auto& count : *counts) by_group_week[{count.group, count.week}] = count.tickets;
    }
    return by_group_week;
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
};

const WeekCounts k_by_type{{{"document_missing", 0}, 2}, {{"offer_link_expired", 1}, 2}};
const WeekCounts k_by_reporter{{{"alice", 0}, 2}, {{"bob", 1}, 2}};

TEST_F(DayCountsTest, KeepTheWeeklyCountsThroughEveryChangeAndAgreeWithTheTickets) {
  EXPECT_EQ(weekly(WeeklyCountKey::type, false), k_by_type);
  EXPECT_EQ(weekly(WeeklyCountKey::reporter, false), k_by_reporter);
  EXPECT_EQ(weekly(WeeklyCountKey::type, true), k_by_type);
  EXPECT_EQ(weekly(WeeklyCountKey::reporter, true), k_by_reporter);
  EXPECT_EQ(testing::count_rows(m_database.url(), "ticket_day_counts WHERE tickets < 0"), 0);
}

TEST_F(DayCountsTest, CountOnlyTheTypesTheCallerIsClearedFor) {
  TicketQuery query;
  query.created_after = k_monday;
  query.scope = TicketScope{std::vector<std::string>{"offer_link_expired"}, true, std::nullopt, "hrbp"};
  auto counts = m_store->weekly_counts(query, k_monday, WeeklyCountKey::reporter);
  ASSERT_TRUE(counts) << counts.error().message;
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0].group, "bob");
  EXPECT_EQ((*counts)[0].week, 1);
  EXPECT_EQ((*counts)[0].tickets, 2);
}

TEST_F(DayCountsTest, TheirMigrationCountsTheTicketsAlreadyStored) {
  const std::string url = m_database.url();
  testing::execute_sql(url, "DROP TABLE ticket_day_counts");
  testing::rerun_migration(url, 19);
  EXPECT_EQ(weekly(WeeklyCountKey::type, false), k_by_type);
  EXPECT_EQ(weekly(WeeklyCountKey::reporter, false), k_by_reporter);
}

}  // namespace day_counts_test
}  // namespace snag
