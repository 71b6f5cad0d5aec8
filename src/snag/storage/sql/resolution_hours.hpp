#pragma once
// resolution_hours (schema version 20): per grouping of the volume report (team, type, severity,
// assignee), group and whole hour from opening to resolution, how many resolved tickets took that
// long and their summed milliseconds; the synthetic probe's tickets not counted. Kept with the
// day counts by every write of a ticket (kept_summaries.hpp); read by the volume report
// (volume_sql.hpp) in place of the resolved tickets.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

#include <snag/domain/ticket.hpp>
#include <snag/util/error.hpp>

namespace snag::sql {

// What a resolved ticket adds to the hours: its group in each grouping and its duration.
struct ResolutionKey {
  std::string team;
  std::string type;
  std::string severity;
  std::string assignee;  // "" for nobody, as the report groups it
  std::int64_t duration_ms = 0;
  auto operator<=>(const ResolutionKey&) const = default;  // a key of SummaryDeltas' maps
};

// nullopt for a ticket that is not counted: open, or the synthetic probe's.
std::optional<ResolutionKey> resolution_key(const Ticket& ticket);

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// resolution_hours.cpp). Runs on the writer's connection, inside a work.
template <class Connection>
struct ResolutionHours {
  // Adds `tickets` tickets counted under `key` (negative: takes them out). The writer calls it
  // once per key and batch with the sum of the batch's works (summary_deltas.hpp).
  static Result<void> add(Connection& connection, const ResolutionKey& key, std::int64_t tickets);
};

}  // namespace snag::sql
