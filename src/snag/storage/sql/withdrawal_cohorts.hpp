#pragma once
// withdrawal_cohorts (schema version 21): per UTC day on which candidates entered Snag (their
// created_at) and issue type, how many of those candidates had a ticket of the type and how many
// of them withdrew; the rows of type '' count every candidate of the day, ticket or none. The
// synthetic probe's candidate is not counted. Kept by every write of a ticket (kept_summaries.hpp),
// of a new candidate and of a first withdrawal, in the same transaction; read by the abandonment
// report (list_sql.hpp) in place of joining every candidate to its tickets.

#include <optional>
#include <string>
#include <string_view>

#include <snag/domain/candidate.hpp>
#include <snag/domain/ticket.hpp>
#include <snag/storage/sql/summary_deltas.hpp>
#include <snag/util/error.hpp>

namespace snag::sql {

// What a ticket makes its candidate count under: the pair of its type and its candidate.
struct CandidateTypeKey {
  std::string type;
  CandidateRef candidate;
  bool operator==(const CandidateTypeKey&) const = default;
};

// nullopt for a ticket that counts nowhere: no candidate, or the synthetic probe's.
std::optional<CandidateTypeKey> candidate_type_key(const Ticket& ticket);

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// withdrawal_cohorts.cpp). Runs on the writer's connection, inside a work, after the write it
// follows, so that the tickets and the candidate it reads are as the write left them; what it
// counts goes into the batch's `deltas`, which the writer writes before the commit.
template <class Connection>
struct WithdrawalCohorts {
  // A ticket left the pair `before` and joined `after` (either absent: none): a pair whose last
  // ticket left stops counting its candidate, a pair that gained its first starts.
  static Result<void> move(Connection& connection, SummaryDeltas& deltas, const std::optional<CandidateTypeKey>& before,
                           const std::optional<CandidateTypeKey>& after);
  // The candidate's row was just inserted, first seen at `created_at`.
  static void candidate_added(SummaryDeltas& deltas, const CandidateRef& candidate, Timestamp created_at);
  // The candidate, stored and not withdrawn before, just withdrew.
  static Result<void> candidate_withdrew(Connection& connection, SummaryDeltas& deltas, const CandidateRef& candidate);
  // Adds `delta` to the row of (day, type).
  static Result<void> write(Connection& connection, std::int64_t day, std::string_view type, const CohortDelta& delta);
};

}  // namespace snag::sql
