// No ticket names a candidate the store does not hold, on every backend: a ticket's unknown
// candidate is stored as a stub first seen with the ticket, and a later profile fills it in
// without moving that time; the database itself refuses a ticket row that names an unknown
// candidate; and schema version 23 gives the tickets stored before it their stubs.

#include <gtest/gtest.h>
#include <store_fixtures.hpp>
#include <test_database.hpp>

namespace snag {
namespace candidate_reference_test {

using testing::sample_ticket;
using testing::TestDatabase;

const CandidateRef k_unknown{"greenhouse", "777"};

Ticket ticket_about(const CandidateRef& candidate) {
  Ticket ticket = sample_ticket();
  ticket.candidate = candidate;
  return ticket;
}

std::optional<Candidate> stored(Store& store, const CandidateRef& ref) {
  auto found = store.find_candidate(ref);
  if (!found) throw std::runtime_error(found.error().message);
  return *found;
}

TEST(CandidateReference, ATicketsUnknownCandidateIsKeptAsAStubThatAProfileFillsIn) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Ticket ticket = ticket_about(k_unknown);
  ticket.id = testing::insert(*store, ticket);

  const auto stub = stored(*store, k_unknown);
  ASSERT_TRUE(stub);
  EXPECT_FALSE(stub->profile.name);
  EXPECT_FALSE(stub->profile.email);
  EXPECT_EQ(stub->created_at, ticket.created_at);

  // A ticket moved to another unknown candidate gives that one a stub too.
  const CandidateRef other{"greenhouse", "778"};
  ticket.candidate = other;
  ticket.updated_at += std::chrono::hours(1);
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) { return tx.update_ticket(ticket); }));
  const auto moved_to = stored(*store, other);
  ASSERT_TRUE(moved_to);
  EXPECT_EQ(moved_to->created_at, ticket.updated_at);

  // The ATS describes the candidate later: the profile fills the stub, which keeps the time
  // Snag first saw the candidate.
  Candidate described{k_unknown, {}, ticket.updated_at, ticket.updated_at, std::nullopt, std::nullopt};
  described.profile.name = "Jane Doe";
  bool created = true;
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    auto upserted = tx.upsert_candidate(described);
    if (!upserted) return tl::unexpected(upserted.error());
    created = *upserted;
    return {};
  }));
  EXPECT_FALSE(created);
  const auto filled = stored(*store, k_unknown);
  ASSERT_TRUE(filled);
  EXPECT_EQ(filled->profile.name, "Jane Doe");
  EXPECT_EQ(filled->created_at, stub->created_at);
}

TEST(CandidateReference, TheDatabaseRefusesATicketRowNamingAnUnknownCandidate) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  const Ticket ticket = ticket_about(k_unknown);
  const TicketId id = testing::insert(*store, ticket);
  const std::string url = database.url();
  const std::string where = " WHERE id = " + std::to_string(id.value);

  EXPECT_THROW(testing::execute_sql(url, "UPDATE tickets SET candidate_external_id = 'nobody'" + where),
               std::runtime_error);
  EXPECT_THROW(testing::execute_sql(url, "DELETE FROM candidates WHERE external_id = '777'"), std::runtime_error);
  EXPECT_THROW(testing::execute_sql(url,
                                    "INSERT INTO tickets (type, title, description, status, severity, team, "
                                    "candidate_ats, candidate_external_id, reporter, created_at, updated_at) "
                                    "SELECT type, title, description, status, severity, team, candidate_ats, "
                                    "'nobody', reporter, created_at, updated_at FROM tickets" +
                                        where),
               std::runtime_error);
  // Without a candidate a ticket needs none.
  testing::execute_sql(url, "UPDATE tickets SET candidate_ats = NULL, candidate_external_id = NULL" + where);
  EXPECT_EQ(testing::count_rows(url, "tickets WHERE candidate_ats IS NULL"), 1);
}

TEST(CandidateReference, TheirMigrationGivesTheStoredTicketsTheirStubs) {
  TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  Ticket first = ticket_about(k_unknown);
  Ticket second = ticket_about(k_unknown);
  second.created_at = first.created_at + std::chrono::hours(5);
  second.updated_at = second.created_at;
  testing::insert(*store, second);
  testing::insert(*store, first);
  testing::insert(*store, ticket_about(CandidateRef{"lever", "described"}));

  // The database as version 22 left it: no rule, and tickets naming candidates never stored.
  const std::string url = database.url();
  testing::execute_sql(url, url.starts_with("sqlite:") ? "DROP TRIGGER tickets_candidate_insert; "
                                                         "DROP TRIGGER tickets_candidate_update; "
                                                         "DROP TRIGGER candidates_named_by_tickets"
                                                       : "ALTER TABLE tickets DROP CONSTRAINT tickets_candidate");
  testing::execute_sql(url, "DELETE FROM candidates WHERE external_id = '777'");
  ASSERT_EQ(testing::count_rows(url, "candidates"), 1);

  testing::rerun_migration(url, 23);
  const auto stub = stored(*store, k_unknown);
  ASSERT_TRUE(stub);
  EXPECT_EQ(stub->created_at, first.created_at);  // first seen with its first ticket
  EXPECT_EQ(testing::count_rows(url, "candidates"), 2);
  // The abandonment summary counts it again: both candidates on the tickets' day, under every
  // candidate ('') and under the tickets' type.
  EXPECT_EQ(testing::count_rows(url, "withdrawal_cohorts WHERE type = '' AND candidates = 2"), 1);
  EXPECT_EQ(testing::count_rows(url, "withdrawal_cohorts WHERE type = 'offer_problem' AND candidates = 2"), 1);
  // And the rule holds again.
  EXPECT_THROW(testing::execute_sql(url, "DELETE FROM candidates WHERE external_id = '777'"), std::runtime_error);
}

}  // namespace candidate_reference_test
}  // namespace snag
