// candidate_delay_days with ticket_day_counts and the open tickets, what the Pareto report's type
// totals read when they select tickets by type and whole days alone, on every backend: kept
// through resolving, reopening, a change of type or of candidate and a retention delete, the
// synthetic probe's tickets not counted; answering exactly what the tickets themselves answer;
// and filled by its migration.

#include <map>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>
#include <test_database.hpp>

#include <snag/domain/ats/synthetic_probe.hpp>

namespace snag {
namespace candidate_delay_days_test {

using std::chrono::hours;
using testing::sample_ticket;
using testing::TestDatabase;
using Totals = std::map<std::string, std::pair<std::int64_t, std::int64_t>>;  // tickets, delay ms

const Timestamp k_midnight = *parse_rfc3339("2026-11-02T00:00:00Z");
const Timestamp k_next_midnight = k_midnight + std::chrono::days(1);
const Timestamp k_now = k_next_midnight + hours(12);
constexpr std::int64_t k_hour_ms = 3'600'000;

Ticket ticket_of(std::string type, bool with_candidate, Timestamp opened, std::optional<hours> resolved_after) {
  Ticket ticket = sample_ticket();
  ticket.type = std::move(type);
  if (with_candidate) ticket.candidate = CandidateRef{"greenhouse", "c-1"};
  ticket.created_at = opened;
  ticket.updated_at = opened;
  if (resolved_after) {
    ticket.status = "resolved";
    ticket.resolved_at = opened + *resolved_after;
  }
  return ticket;
}

class CandidateDelayDaysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
    const Timestamp first_day = k_midnight + hours(2);
    const Timestamp second_day = k_next_midnight + hours(2);
    std::vector<Ticket> tickets{
        ticket_of("document_missing", true, first_day, hours(3)),                     // 3 h
        ticket_of("document_missing", true, first_day, std::nullopt),                 // open: 34 h until now
        ticket_of("document_missing", false, first_day, hours(5)),                    // about nobody: 0 h
        ticket_of("offer_link_expired", true, second_day, hours(1)),                  // retyped below to other
        ticket_of("other", true, second_day, std::nullopt),                           // resolved below after 4 h
        ticket_of("other", true, second_day, hours(6)),                               // reopened below: 10 h
        ticket_of("other", true, second_day, hours(7)),                               // candidate removed below
        ticket_of("offer_link_expired", true, second_day, hours(8)),                  // deleted below
        ticket_of("resume_parse_failure", true, first_day, hours(2)),                 // the probe's
        ticket_of("offer_link_expired", true, second_day + hours(20), std::nullopt),  // opened after now: 0 h
    };
    tickets[8].candidate = synthetic_candidate();
    auto written = testing::insert_tickets(*m_store, tickets);
    ASSERT_TRUE(written) << written.error().message;

    Ticket retyped = tickets[3];
    retyped.type = "other";
    Ticket resolved = tickets[4];
    resolved.status = "resolved";
    resolved.resolved_at = resolved.created_at + hours(4);
    Ticket reopened = tickets[5];
    reopened.status = "in_progress";
    reopened.resolved_at.reset();
    Ticket about_nobody = tickets[6];
    about_nobody.candidate.reset();
    auto changed = m_store->write([&](WriteTransaction& tx) -> Result<void> {
      for (const Ticket* ticket : {&retyped, &resolved, &reopened, &about_nobody}) {
        if (auto updated = tx.update_ticket(*ticket); !updated) return updated;
      }
      auto deleted = tx.delete_ticket(tickets[7].id);
      if (!deleted) return tl::unexpected(deleted.error());
      return {};
    });
    ASSERT_TRUE(changed) << changed.error().message;
  }

  // From the kept summaries when `from` is a midnight (or absent); from the tickets when it is a
  // millisecond later, which selects the same tickets (none was opened at midnight).
  Totals totals(std::optional<Timestamp> from, bool through_tickets, TicketQuery query = {}) {
    if (through_tickets) from = from.value_or(from_epoch_ms(0)) + std::chrono::milliseconds(1);
    query.created_after = from;
    auto rows = m_store->type_totals(query, k_now);
    EXPECT_TRUE(rows) << rows.error().message;
    Totals by_type;
    if (rows) {
      for (const auto& row : *rows) by_type[row.type] = {row.tickets, row.candidate_delay.count()};
    }
    return by_type;
  }

  void expect_kept_answer_as_the_tickets() {
    TicketQuery cleared_for_other;
    cleared_for_other.scope = TicketScope{std::vector<std::string>{"other"}, true, std::nullopt, "hrbp"};
    for (const auto& query : {TicketQuery{}, cleared_for_other}) {
      for (const auto& from : {std::optional<Timestamp>{}, std::optional<Timestamp>{k_next_midnight}}) {
        EXPECT_EQ(totals(from, false, query), totals(from, true, query));
      }
    }
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
};

TEST_F(CandidateDelayDaysTest, KeepEveryChange) {
  EXPECT_EQ(totals(std::nullopt, false), (Totals{{"document_missing", {3, 37 * k_hour_ms}},
                                                 {"offer_link_expired", {1, 0}},
                                                 {"other", {4, (1 + 4 + 10) * k_hour_ms}}}));
  EXPECT_EQ(totals(k_next_midnight, false),
            (Totals{{"offer_link_expired", {1, 0}}, {"other", {4, (1 + 4 + 10) * k_hour_ms}}}));
  EXPECT_EQ(testing::count_rows(m_database.url(), "candidate_delay_days WHERE delay_ms < 0"), 0);
}

TEST_F(CandidateDelayDaysTest, AnswerAsTheTicketsThemselves) { expect_kept_answer_as_the_tickets(); }

TEST_F(CandidateDelayDaysTest, TheirMigrationCountsTheTicketsAlreadyStored) {
  const std::string url = m_database.url();
  testing::execute_sql(url, "DROP TABLE candidate_delay_days");
  testing::rerun_migration(url, 22);
  expect_kept_answer_as_the_tickets();
  EXPECT_EQ(totals(std::nullopt, false).at("document_missing").second, 37 * k_hour_ms);
}

}  // namespace candidate_delay_days_test
}  // namespace snag
