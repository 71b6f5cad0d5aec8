// Store::record_withdrawal and Store::withdrawal_counts, the counts behind the abandonment
// report, on every backend, against candidates counted by hand.

#include <map>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>

#include <snag/domain/ats/synthetic_probe.hpp>

namespace snag {
namespace withdrawal_counts_test {

using testing::sample_ticket;
using testing::TestDatabase;

const Timestamp k_entered = from_epoch_ms(1'780'000'000'000);
const Timestamp k_entered_later = k_entered + std::chrono::days(1);

CandidateRef candidate(const std::string& id) { return {"greenhouse", id}; }

Ticket ticket_about(std::optional<std::string> candidate_id, std::string type, std::string team = "recruiting") {
  Ticket ticket = sample_ticket();
  ticket.type = std::move(type);
  ticket.team = std::move(team);
  if (candidate_id) ticket.candidate = candidate(*candidate_id);
  return ticket;
}

class WithdrawalCountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
    // c1 and c2 withdrew; c5 entered a day later.
    auto written = m_store->write([](WriteTransaction& tx) -> Result<void> {
      for (const char* id : {"c1", "c2", "c3", "c4", "c5"}) {
        const Timestamp entered = std::string(id) == "c5" ? k_entered_later : k_entered;
        auto stored = tx.upsert_candidate(Candidate{candidate(id), {}, entered, entered, std::nullopt, std::nullopt});
        if (!stored) return tl::unexpected(stored.error());
      }
      // The synthetic probe's candidate (domain/ats/synthetic_probe.hpp) counts nowhere.
      const CandidateRef probe{std::string(k_synthetic_ats), std::string(k_synthetic_candidate_id)};
      if (auto stored = tx.upsert_candidate(Candidate{probe, {}, k_entered, k_entered, std::nullopt, std::nullopt});
          !stored) {
        return tl::unexpected(stored.error());
      }
      if (auto recorded = tx.record_withdrawal(probe, k_entered); !recorded) return recorded;
      for (const char* id : {"c1", "c2", "c1"}) {  // a second withdrawal of c1 counts once
        if (auto recorded = tx.record_withdrawal(candidate(id), k_entered_later); !recorded) return recorded;
      }
      return {};
    });
    ASSERT_TRUE(written) << written.error().message;
    std::vector<Ticket> tickets{
        ticket_about("c1", "document_missing"),
        ticket_about("c1", "document_missing"),  // c1 once
        ticket_about("c1", "offer_link_expired"),
        ticket_about("c2", "document_missing"),
        ticket_about("c3", "offer_link_expired", "hr_ops"),
        ticket_about("c5", "document_missing"),
        ticket_about(std::nullopt, "document_missing"),  // about nobody
        ticket_about("unknown", "other"),                // a candidate Snag had no record of: a stub
    };
    auto inserted = testing::insert_tickets(*m_store, tickets);
    ASSERT_TRUE(inserted) << inserted.error().message;
  }

  WithdrawalCounts counts(const TicketQuery& query, std::optional<Timestamp> from = std::nullopt) {
    auto counted = m_store->withdrawal_counts(query, from, std::nullopt);
    EXPECT_TRUE(counted) << counted.error().message;
    return counted ? *counted : WithdrawalCounts{};
  }

  static std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_type(const WithdrawalCounts& counts) {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> rows;
    for (const auto& row : counts.by_type) rows[row.type] = {row.with_type.candidates, row.with_type.withdrawn};
    return rows;
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
};

TEST_F(WithdrawalCountsTest, CountsEachCandidateOncePerType) {
  const auto all = counts(TicketQuery{});
  EXPECT_EQ(all.all.candidates, 6);
  EXPECT_EQ(all.all.withdrawn, 2);
  EXPECT_EQ(by_type(all), (std::map<std::string, std::pair<std::int64_t, std::int64_t>>{
                              {"document_missing", {3, 2}}, {"offer_link_expired", {2, 1}}, {"other", {1, 0}}}));
}

TEST_F(WithdrawalCountsTest, ThePeriodSelectsCandidatesAndTheScopeSelectsTickets) {
  const auto later = counts(TicketQuery{}, k_entered + std::chrono::hours(1));
  EXPECT_EQ(later.all.candidates, 1);
  EXPECT_EQ(later.all.withdrawn, 0);
  EXPECT_EQ(by_type(later),
            (std::map<std::string, std::pair<std::int64_t, std::int64_t>>{{"document_missing", {1, 0}}}));

  TicketQuery hr_ops;
  hr_ops.scope = TicketScope{std::nullopt, false, std::string("hr_ops"), "nobody"};
  const auto scoped = counts(hr_ops);
  EXPECT_EQ(scoped.all.candidates, 6);  // the population does not depend on what the caller sees
  EXPECT_EQ(by_type(scoped),
            (std::map<std::string, std::pair<std::int64_t, std::int64_t>>{{"offer_link_expired", {1, 0}}}));
}

}  // namespace withdrawal_counts_test
}  // namespace snag
