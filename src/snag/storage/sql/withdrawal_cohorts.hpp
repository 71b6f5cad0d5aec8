#pragma once
// withdrawal_cohorts (schema version 21): per UTC day on which candidates entered Snag (their
// created_at) and issue type, how many of those candidates had a ticket of the type and how many
// of them withdrew; the rows of type '' count every candidate of the day, ticket or none. The
// synthetic probe's candidate is not counted. Kept by every write of a ticket (kept_summaries.hpp),
// of a new candidate and of a first withdrawal, in the same transaction; read by the abandonment
// report (list_sql.hpp) in place of joining every candidate to its tickets.

#include <optional>
#include <string>

#include <snag/domain/candidate.hpp>
#include <snag/domain/ticket.hpp>
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
// follows, so that the tickets and the candidate it reads are as the write left them.
template <class Connection>
struct WithdrawalCohorts {
  // A ticket left the pair `before` and joined `after` (either absent: none): a pair whose last
  // ticket left stops counting its candidate, a pair that gained its first starts.
  static Result<void> move(Connection& connection, const std::optional<CandidateTypeKey>& before,
                           const std::optional<CandidateTypeKey>& after);
  // The candidate's row was just inserted, first seen at `created_at`.
  static Result<void> candidate_added(Connection& connection, const CandidateRef& candidate, Timestamp created_at);
  // The candidate, stored and not withdrawn before, just withdrew.
  static Result<void> candidate_withdrew(Connection& connection, const CandidateRef& candidate);
};

}  // namespace snag::sql
