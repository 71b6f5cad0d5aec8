#include <cstdint>
#include <vector>

#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/day_counts.hpp>
#include <snag/storage/sql/withdrawal_cohorts.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {
namespace {

// The type of the rows that count every candidate.
constexpr std::string_view k_every_candidate = "";

struct StoredCandidate {
  std::int64_t day = 0;  // whole UTC days since the epoch of its created_at
  bool withdrawn = false;
};

// nullopt when the candidate has no row (a withdrawal may name one Snag never stored) or is
// the synthetic probe's.
template <class Connection>
Result<std::optional<StoredCandidate>> stored_candidate(Connection& connection, const CandidateRef& candidate) {
  if (candidate.ats == k_synthetic_ats) return std::optional<StoredCandidate>{};
  auto statement =
      connection.prepare("SELECT created_at, withdrawn_at FROM candidates WHERE ats = ? AND external_id = ?");
  statement.bind(1, candidate.ats).bind(2, candidate.external_id);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<StoredCandidate>{};
  return std::optional<StoredCandidate>{StoredCandidate{statement.int64(0) / k_ms_per_day, !statement.is_null(1)}};
}

void add(SummaryDeltas& deltas, std::int64_t day, std::string_view type, std::int64_t candidates,
         std::int64_t withdrawn) {
  CohortDelta& delta = deltas.withdrawal_cohorts[{day, std::string(type)}];
  delta.candidates += candidates;
  delta.withdrawn += withdrawn;
}

struct StoredPair {
  StoredCandidate candidate;
  std::int64_t tickets = 0;  // of the pair's type about the candidate, as stored now
};

// The pair's stored candidate and its tickets of the pair's type; nullopt when the candidate has
// no row or is the synthetic probe's: then the pair counts nowhere, whatever its tickets.
template <class Connection>
Result<std::optional<StoredPair>> stored_pair(Connection& connection, const CandidateTypeKey& pair) {
  if (pair.candidate.ats == k_synthetic_ats) return std::optional<StoredPair>{};
  // One statement, not one for each: every ticket written asks, a round trip each on PostgreSQL.
  auto statement = connection.prepare(
      "SELECT created_at, withdrawn_at, (SELECT COUNT(*) FROM tickets WHERE type = ? AND candidate_ats = ? AND "
      "candidate_external_id = ?) FROM candidates WHERE ats = ? AND external_id = ?");
  statement.bind(1, pair.type).bind(2, pair.candidate.ats).bind(3, pair.candidate.external_id);
  statement.bind(4, pair.candidate.ats).bind(5, pair.candidate.external_id);
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<StoredPair>{};
  return std::optional<StoredPair>{
      StoredPair{StoredCandidate{statement.int64(0) / k_ms_per_day, !statement.is_null(1)}, statement.int64(2)}};
}

template <class Connection>
Result<std::vector<std::string>> ticket_types(Connection& connection, const CandidateRef& candidate) {
  auto statement =
      connection.prepare("SELECT DISTINCT type FROM tickets WHERE candidate_ats = ? AND candidate_external_id = ?");
  statement.bind(1, candidate.ats).bind(2, candidate.external_id);
  std::vector<std::string> types;
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return types;
    types.push_back(statement.text(0));
  }
}

// Counts the pair's stored candidate in (sign 1) or out of (sign -1) the pair's type when the
// pair holds `when_tickets` tickets now: its first ticket arrived or its last one left.
template <class Connection>
Result<void> count_pair(Connection& connection, SummaryDeltas& deltas, const CandidateTypeKey& pair,
                        std::int64_t when_tickets, std::int64_t sign) {
  auto stored = stored_pair(connection, pair);
  if (!stored) return tl::unexpected(stored.error());
  if (*stored && (*stored)->tickets == when_tickets) {
    add(deltas, (*stored)->candidate.day, pair.type, sign, (*stored)->candidate.withdrawn ? sign : 0);
  }
  return {};
}

// Adds the stored candidate's withdrawal to its day, for every candidate and for each type of
// its tickets.
template <class Connection>
Result<void> add_withdrawal_to_every_type(Connection& connection, SummaryDeltas& deltas,
                                          const CandidateRef& candidate) {
  auto stored = stored_candidate(connection, candidate);
  if (!stored) return tl::unexpected(stored.error());
  if (!*stored) return {};
  auto types = ticket_types(connection, candidate);
  if (!types) return tl::unexpected(types.error());
  types->emplace_back(k_every_candidate);
  for (const auto& type : *types) add(deltas, (*stored)->day, type, 0, 1);
  return {};
}

}  // namespace

std::optional<CandidateTypeKey> candidate_type_key(const Ticket& ticket) {
  if (!ticket.candidate || ticket.candidate->ats == k_synthetic_ats) return std::nullopt;
  return CandidateTypeKey{ticket.type, *ticket.candidate};
}

template <class Connection>
Result<void> WithdrawalCohorts<Connection>::move(Connection& connection, SummaryDeltas& deltas,
                                                 const std::optional<CandidateTypeKey>& before,
                                                 const std::optional<CandidateTypeKey>& after) {
  if (before == after) return {};
  if (before) {
    if (auto done = count_pair(connection, deltas, *before, 0, -1); !done) return done;
  }
  if (after) return count_pair(connection, deltas, *after, 1, 1);
  return {};
}

template <class Connection>
void WithdrawalCohorts<Connection>::candidate_added(SummaryDeltas& deltas, const CandidateRef& candidate,
                                                    Timestamp created_at) {
  // A new candidate has no tickets yet (a ticket names only a stored candidate, schema version
  // 23) and no withdrawal (record_withdrawal needs its row): it counts on its day among every
  // candidate, and under no type yet.
  if (candidate.ats != k_synthetic_ats) add(deltas, to_epoch_ms(created_at) / k_ms_per_day, k_every_candidate, 1, 0);
}

template <class Connection>
Result<void> WithdrawalCohorts<Connection>::candidate_withdrew(Connection& connection, SummaryDeltas& deltas,
                                                               const CandidateRef& candidate) {
  return add_withdrawal_to_every_type(connection, deltas, candidate);
}

template <class Connection>
Result<void> WithdrawalCohorts<Connection>::write(Connection& connection, std::int64_t day, std::string_view type,
                                                  const CohortDelta& delta) {
  auto statement = connection.prepare(
      "INSERT INTO withdrawal_cohorts (day, type, candidates, withdrawn) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (day, type) DO UPDATE SET candidates = withdrawal_cohorts.candidates + excluded.candidates, "
      "withdrawn = withdrawal_cohorts.withdrawn + excluded.withdrawn");
  statement.bind(1, day).bind(2, type).bind(3, delta.candidates).bind(4, delta.withdrawn);
  return statement.queue();
}

template struct WithdrawalCohorts<sqlite::Connection>;
template struct WithdrawalCohorts<postgresql::Connection>;

}  // namespace snag::sql
