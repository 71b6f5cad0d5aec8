// withdrawal_cohorts, what the abandonment report reads when it selects tickets by type alone, on
// every backend: kept whichever comes first (the candidate, its tickets, its withdrawal), through
// a change of type or candidate and a retention delete, the synthetic probe's candidate not
// counted; answering exactly what the tickets and candidates themselves answer; and filled by
// its migration.

#include <map>

#include <gtest/gtest.h>
#include <store_fixtures.hpp>
#include <test_database.hpp>

#include <snag/domain/ats/synthetic_probe.hpp>

namespace snag {
namespace withdrawal_cohorts_test {

using testing::sample_ticket;
using testing::TestDatabase;
using ByType = std::map<std::string, std::pair<std::int64_t, std::int64_t>>;  // candidates, withdrawn

const Timestamp k_midnight = *parse_rfc3339("2026-11-02T00:00:00Z");
const Timestamp k_next_midnight = k_midnight + std::chrono::days(1);

CandidateRef candidate(const std::string& id) { return {"greenhouse", id}; }

// When each candidate entered Snag: c1, c3 and c4 on the first day, c2, c5 and the probe's on
// the next. A candidate is first seen with its first ticket or its record, whichever is first.
Timestamp entered(const CandidateRef& ref) {
  const std::map<std::string, Timestamp> times{
      {"c1", k_midnight + std::chrono::hours(3)},      {"c3", k_midnight + std::chrono::hours(20)},
      {"c4", k_midnight + std::chrono::hours(22)},     {"c2", k_next_midnight + std::chrono::hours(1)},
      {"c5", k_next_midnight + std::chrono::hours(2)},
  };
  const auto found = times.find(ref.external_id);
  return found != times.end() ? found->second : k_next_midnight;
}

Ticket ticket_about(const CandidateRef& about, std::string type) {
  Ticket ticket = sample_ticket();
  ticket.type = std::move(type);
  ticket.candidate = about;
  ticket.created_at = entered(about);
  ticket.updated_at = ticket.created_at;
  return ticket;
}

Result<void> add_candidate(WriteTransaction& tx, const CandidateRef& ref, Timestamp entered) {
  auto stored = tx.upsert_candidate(Candidate{ref, {}, entered, entered, std::nullopt, std::nullopt});
  if (!stored) return tl::unexpected(stored.error());
  return {};
}

class WithdrawalCohortsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_store = m_database.open();
    ASSERT_TRUE(m_store);
    const CandidateRef probe = synthetic_candidate();
    // Tickets first: their candidates become stubs, which c2's record fills in later; c4's
    // never comes.
    std::vector<Ticket> tickets{
        ticket_about(candidate("c1"), "document_missing"),
        ticket_about(candidate("c1"), "document_missing"),    // deleted below: c1 still has one
        ticket_about(candidate("c2"), "offer_link_expired"),  // retyped below to other
        ticket_about(candidate("c2"), "document_missing"),    // moved below to c3
        ticket_about(candidate("c3"), "other"),               // deleted below: c3's last other
        ticket_about(candidate("c4"), "other"),
        ticket_about(probe, "resume_parse_failure"),
    };
    auto inserted = testing::insert_tickets(*m_store, tickets);
    ASSERT_TRUE(inserted) << inserted.error().message;
    auto written = m_store->write([&](WriteTransaction& tx) -> Result<void> {
      // c1 withdraws before its tickets change, c2 twice after (counted once).
      for (const char* id : {"c1", "c3", "c2", "c5"}) {
        if (auto added = add_candidate(tx, candidate(id), entered(candidate(id))); !added) return added;
      }
      if (auto added = add_candidate(tx, probe, k_next_midnight); !added) return added;
      if (auto withdrawn = tx.record_withdrawal(probe, k_next_midnight); !withdrawn) return withdrawn;
      return tx.record_withdrawal(candidate("c1"), k_next_midnight);
    });
    ASSERT_TRUE(written) << written.error().message;

    Ticket retyped = tickets[2];
    retyped.type = "other";
    Ticket moved = tickets[3];
    moved.candidate = candidate("c3");
    auto changed = m_store->write([&](WriteTransaction& tx) -> Result<void> {
      for (const Ticket* ticket : {&retyped, &moved}) {
        if (auto updated = tx.update_ticket(*ticket); !updated) return updated;
      }
      for (TicketId id : {tickets[1].id, tickets[4].id}) {
        auto deleted = tx.delete_ticket(id);
        if (!deleted) return tl::unexpected(deleted.error());
      }
      for (const Timestamp at : {k_next_midnight + std::chrono::hours(5), k_next_midnight + std::chrono::hours(4)}) {
        if (auto withdrawn = tx.record_withdrawal(candidate("c2"), at); !withdrawn) return withdrawn;
      }
      return {};
    });
    ASSERT_TRUE(changed) << changed.error().message;
  }

  // From the cohorts when `from` is a midnight (or absent); from the candidates when it is a
  // millisecond later, which selects the same candidates (none entered at midnight).
  WithdrawalCounts counts(const TicketQuery& query, std::optional<Timestamp> from, bool through_candidates) {
    if (through_candidates) from = from.value_or(from_epoch_ms(0)) + std::chrono::milliseconds(1);
    auto counted = m_store->withdrawal_counts(query, from, std::nullopt);
    EXPECT_TRUE(counted) << counted.error().message;
    return counted ? *counted : WithdrawalCounts{};
  }

  static ByType by_type(const WithdrawalCounts& counts) {
    ByType rows;
    for (const auto& row : counts.by_type) rows[row.type] = {row.with_type.candidates, row.with_type.withdrawn};
    return rows;
  }

  void expect_cohorts_answer_as_the_candidates() {
    TicketQuery cleared_for_other;
    cleared_for_other.scope = TicketScope{std::vector<std::string>{"other"}, true, std::nullopt, "hrbp"};
    for (const auto& query : {TicketQuery{}, cleared_for_other}) {
      for (const auto& from : {std::optional<Timestamp>{}, std::optional<Timestamp>{k_next_midnight}}) {
        const auto from_cohorts = counts(query, from, false);
        const auto from_candidates = counts(query, from, true);
        EXPECT_EQ(from_cohorts.all.candidates, from_candidates.all.candidates);
        EXPECT_EQ(from_cohorts.all.withdrawn, from_candidates.all.withdrawn);
        EXPECT_EQ(by_type(from_cohorts), by_type(from_candidates));
      }
    }
  }

  TestDatabase m_database;
  std::unique_ptr<Store> m_store;
};

TEST_F(WithdrawalCohortsTest, KeepEveryChangeWhateverCameFirst) {
  const auto all = counts(TicketQuery{}, std::nullopt, false);
  EXPECT_EQ(all.all.candidates, 5);  // c1 to c5 (c4 a stub), not the probe's, which is nobody
  EXPECT_EQ(all.all.withdrawn, 2);   // c1, c2
  // c1: document_missing; c2: other (retyped); c3: document_missing (moved from c2), its other
  // deleted; c4: other.
  EXPECT_EQ(by_type(all), (ByType{{"document_missing", {2, 1}}, {"other", {2, 1}}}));
  const auto second_day = counts(TicketQuery{}, k_next_midnight, false);
  EXPECT_EQ(second_day.all.candidates, 2);
  EXPECT_EQ(by_type(second_day), (ByType{{"other", {1, 1}}}));
  EXPECT_EQ(testing::count_rows(m_database.url(), "withdrawal_cohorts WHERE candidates < 0 OR withdrawn < 0"), 0);
}

TEST_F(WithdrawalCohortsTest, AnswerAsTheCandidatesThemselves) { expect_cohorts_answer_as_the_candidates(); }

TEST_F(WithdrawalCohortsTest, TheirMigrationCountsWhatIsAlreadyStored) {
  const std::string url = m_database.url();
  testing::execute_sql(url, "DROP TABLE withdrawal_cohorts");
  testing::rerun_migration(url, 21);
  expect_cohorts_answer_as_the_candidates();
  EXPECT_EQ(counts(TicketQuery{}, std::nullopt, false).all.candidates, 5);
}

}  // namespace withdrawal_cohorts_test
}  // namespace snag
