#pragma once
// candidate_delay_days (schema version 22): per UTC day of opening and issue type, the summed
// milliseconds from opening to resolution of the resolved tickets that name a candidate (the
// candidate delay the Pareto report ranks by), the synthetic probe's not counted. Kept by every
// write of a ticket (kept_summaries.hpp); read with ticket_day_counts by the Pareto report
// (list_sql.hpp's type totals) in place of the resolved tickets.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

#include <snag/domain/ticket.hpp>
#include <snag/util/error.hpp>

namespace snag::sql {

struct CandidateDelayKey {
  std::int64_t day = 0;  // whole UTC days since the epoch of its opening
  std::string type;
  std::int64_t delay_ms = 0;
  auto operator<=>(const CandidateDelayKey&) const = default;  // a key of SummaryDeltas' maps
};

// nullopt for a ticket that adds no kept delay: open, about nobody, or the synthetic probe's.
std::optional<CandidateDelayKey> candidate_delay_key(const Ticket& ticket);

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// candidate_delay_days.cpp). Runs on the writer's connection, inside a work.
template <class Connection>
struct CandidateDelayDays {
  // Adds `tickets` tickets counted under `key` (negative: takes them out). The writer calls it
  // once per key and batch with the sum of the batch's works (summary_deltas.hpp).
  static Result<void> add(Connection& connection, const CandidateDelayKey& key, std::int64_t tickets);
};

}  // namespace snag::sql
