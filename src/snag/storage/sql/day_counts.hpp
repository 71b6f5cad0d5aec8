#pragma once
// ticket_day_counts (schema version 19): how many tickets each reporter opened of each issue
// type on each UTC day, the synthetic probe's not counted. Every write that inserts, changes or
// deletes a ticket keeps it, in the same transaction (kept_summaries.hpp); the weekly adoption and trend reports read
// it instead of the tickets when they select nothing it lacks (list_sql.hpp).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <snag/domain/ticket.hpp>
#include <snag/util/error.hpp>

namespace snag::sql {

inline constexpr std::int64_t k_ms_per_day = 24 * 3600 * 1000;

// The row a ticket is counted in.
struct DayCountKey {
  std::int64_t day = 0;  // whole UTC days since the epoch
  std::string type;
  std::string reporter;
  auto operator<=>(const DayCountKey&) const = default;  // a key of SummaryDeltas' maps
};

// nullopt for a ticket that is not counted (the synthetic probe's).
std::optional<DayCountKey> day_count_key(const Ticket& ticket);

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// day_counts.cpp). Writes run on the writer's connection, inside a work.
template <class Connection>
struct DayCounts {
  // Adds `tickets` tickets counted under `key` (negative: takes them out). The writer calls it
  // once per key and batch with the sum of the batch's works (summary_deltas.hpp).
  static Result<void> add(Connection& connection, const DayCountKey& key, std::int64_t tickets);
};

}  // namespace snag::sql
