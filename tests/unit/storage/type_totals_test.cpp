// Store::type_totals and Store::weekly_counts, the sums behind the Pareto and trend
// reports, on every backend: each figure is computed by hand from the tickets below.

#include <map>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/domain/ats/synthetic_probe.hpp>

namespace snag {
namespace type_totals_test {

using testing::sample_ticket;
using testing::TestDatabase;

constexpr std::int64_t k_hour_ms = 3'600'000;
const Timestamp k_opened = from_epoch_ms(1'780'000'000'000);
const Timestamp k_now = k_opened + std::chrono::hours(10);

Ticket ticket_of(std::string type, std::string team, bool with_candidate, std::optional<int> resolved_after_hours) {
  Ticket ticket = sample_ticket();
  ticket.type = std::move(type);
  ticket.team = std::move(team);
  if (with_candidate) ticket.candidate = CandidateRef{"greenhouse", "c-" + ticket.type};
  if (resolved_after_hours) {
    ticket.status = "resolved";
    ticket.resolved_at = k_opened + std::chrono::hours(*resolved_after_hours);
  }
  return ticket;
}

class TypeTotalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
    std::vector<Ticket> tickets{
        ticket_of("document_missing", "recruiting", true, 2),             // 2 h
        ticket_of("document_missing", "recruiting", true, std::nullopt),  // open: 10 h until now
        ticket_of("document_missing", "hr_ops", false, 5),                // no candidate: 0 h
        ticket_of("offer_link_expired", "hr_ops", true, 1),               // 1 h
    };
    tickets.back().created_at = k_opened + std::chrono::hours(3);  // opened later, by bob
    tickets.back().reporter = "bob";
    tickets.back().resolved_at = k_opened + std::chrono::hours(4);
    auto written = testing::insert_tickets(*m_store, tickets);
    ASSERT_TRUE(written) << written.error().message;
  }

  std::map<std::string, TypeTotals> totals(const TicketQuery& query) {
    auto rows = m_store->type_totals(query, k_now);
    EXPECT_TRUE(rows) << rows.error().message;
    std::map<std::string, TypeTotals> by_type;
    if (rows) {
      for (auto& row : *rows) by_type[row.type] = row;
    }
    return by_type;
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
};

TEST_F(TypeTotalsTest, CountsAndSumsTheCandidateDelayPerType) {
  auto by_type = totals(TicketQuery{});
  ASSERT_EQ(by_type.size(), 2u);
  EXPECT_EQ(by_type["document_missing"].tickets, 3);
  EXPECT_EQ(by_type["document_missing"].candidate_delay.count(), 12 * k_hour_ms);
  EXPECT_EQ(by_type["offer_link_expired"].tickets, 1);
  EXPECT_EQ(by_type["offer_link_expired"].candidate_delay.count(), 1 * k_hour_ms);
}

TEST_F(TypeTotalsTest, AppliesTheFiltersAndTheCallersScope) {
  TicketQuery opened_late;
  opened_late.created_after = k_opened + std::chrono::hours(1);
  auto late = totals(opened_late);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late["offer_link_expired"].tickets, 1);

  // A member of hr_ops who reported nothing and is assigned nothing sees hr_ops' tickets only.
  TicketQuery scoped;
  scoped.scope = TicketScope{std::nullopt, false, std::string("hr_ops"), "nobody"};
  auto hr_ops = totals(scoped);
  ASSERT_EQ(hr_ops.size(), 2u);
  EXPECT_EQ(hr_ops["document_missing"].tickets, 1);
  EXPECT_EQ(hr_ops["document_missing"].candidate_delay.count(), 0);
  EXPECT_EQ(hr_ops["offer_link_expired"].candidate_delay.count(), 1 * k_hour_ms);

  TicketQuery none_cleared;
  none_cleared.scope = TicketScope{std::vector<std::string>{}, true, std::nullopt, "x"};
  EXPECT_TRUE(totals(none_cleared).empty());
}

TEST_F(TypeTotalsTest, CountsTheTicketsOpenedPerTypeAndWeekSinceTheOrigin) {
  // Every ticket was opened at k_opened but the last, three hours later: from an origin eight
  // days before, all fall in week 1.
  TicketQuery since_origin;
  const Timestamp origin = k_opened - std::chrono::days(8);
  since_origin.created_after = origin;
  auto counts = m_store->weekly_counts(since_origin, origin, WeeklyCountKey::type);
  ASSERT_TRUE(counts) << counts.error().message;
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> by_type_week;
  for (const auto& count : *counts) by_type_week[{count.group, count.week}] = count.tickets;
  EXPECT_EQ(by_type_week, (std::map<std::pair<std::string, std::int64_t>, std::int64_t>{
                              {{"document_missing", 1}, 3}, {{"offer_link_expired", 1}, 1}}));

  // From an origin just after the opening of the first three, only the last is counted: week 0.
  TicketQuery later;
  const Timestamp late_origin = k_opened + std::chrono::hours(1);
  later.created_after = late_origin;
  auto late = m_store->weekly_counts(later, late_origin, WeeklyCountKey::type);
  ASSERT_TRUE(late) << late.error().message;
  ASSERT_EQ(late->size(), 1u);
  EXPECT_EQ((*late)[0].group, "offer_link_expired");
  EXPECT_EQ((*late)[0].week, 0);
  EXPECT_EQ((*late)[0].tickets, 1);
}

TEST_F(TypeTotalsTest, CountsTheTicketsOpenedPerReporterAndWeek) {
  TicketQuery since_origin;
  const Timestamp origin = k_opened - std::chrono::days(8);
  since_origin.created_after = origin;
  auto counts = m_store->weekly_counts(since_origin, origin, WeeklyCountKey::reporter);
  ASSERT_TRUE(counts) << counts.error().message;
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> by_reporter_week;
  for (const auto& count : *counts) by_reporter_week[{count.group, count.week}] = count.tickets;
  EXPECT_EQ(by_reporter_week,
            (std::map<std::pair<std::string, std::int64_t>, std::int64_t>{{{"alice", 1}, 3}, {{"bob", 1}, 1}}));
}

TEST_F(TypeTotalsTest, ASyntheticProbesTicketIsInNoReportOrListUnlessItsCandidateIsAskedFor) {
  Ticket synthetic = ticket_of("resume_parse_failure", "it_support", false, std::nullopt);
  synthetic.candidate = synthetic_candidate();
  std::vector<Ticket> added{synthetic};
  auto written = testing::insert_tickets(*m_store, added);
  ASSERT_TRUE(written) << written.error().message;

  EXPECT_EQ(totals(TicketQuery{}).count("resume_parse_failure"), 0u);
  TicketQuery since_origin;
  const Timestamp origin = k_opened - std::chrono::days(8);
  since_origin.created_after = origin;
  auto counts = m_store->weekly_counts(since_origin, origin, WeeklyCountKey::type);
  ASSERT_TRUE(counts) << counts.error().message;
  for (const auto& count : *counts) {
    EXPECT_NE(count.group, "resume_parse_failure");
  }
  auto listed = m_store->list_tickets(TicketQuery{});
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_EQ(listed->items.size(), 4u);

  TicketQuery asked;
  asked.candidates = {synthetic_candidate()};
  auto found = m_store->list_tickets(asked);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].type, "resume_parse_failure");
  EXPECT_EQ(totals(asked)["resume_parse_failure"].tickets, 1);
}

}  // namespace type_totals_test
}  // namespace snag
