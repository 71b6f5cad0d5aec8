#include <algorithm>
#include <array>
#include <utility>

#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/resolution_hours.hpp>
#include <snag/storage/sql/volume_sql.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {
namespace {

// The key's group in each grouping, by the name resolution_hours.grouped_by holds.
std::array<std::pair<std::string_view, const std::string*>, 4> groups(const ResolutionKey& key) {
  return {{{to_string(VolumeGrouping::team), &key.team},
           {to_string(VolumeGrouping::issue_type), &key.type},
           {to_string(VolumeGrouping::severity), &key.severity},
           {to_string(VolumeGrouping::assignee), &key.assignee}}};
}

}  // namespace

std::optional<ResolutionKey> resolution_key(const Ticket& ticket) {
  if (!ticket.resolved_at) return std::nullopt;
  if (ticket.candidate && ticket.candidate->external_id == k_synthetic_candidate_id) return std::nullopt;
  const std::int64_t duration_ms =
      std::max<std::int64_t>(0, to_epoch_ms(*ticket.resolved_at) - to_epoch_ms(ticket.created_at));
  return ResolutionKey{ticket.team, ticket.type, std::string(to_string(ticket.severity)), ticket.assignee.value_or(""),
                       duration_ms};
}

template <class Connection>
Result<void> ResolutionHours<Connection>::add(Connection& connection, const ResolutionKey& key, std::int64_t tickets) {
  // One row per grouping, so that the statement never touches a row twice.
  auto statement = connection.prepare(
      "INSERT INTO resolution_hours (grouped_by, group_value, hour, tickets, duration_ms) VALUES (?, ?, ?, ?, ?), "
      "(?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?) ON CONFLICT (grouped_by, group_value, hour) DO UPDATE SET "
      "tickets = resolution_hours.tickets + excluded.tickets, "
      "duration_ms = resolution_hours.duration_ms + excluded.duration_ms");
  int first = 1;  // the row's first parameter
  for (const auto& [grouping, group] : groups(key)) {
    statement.bind(first, grouping)
        .bind(first + 1, *group)
        .bind(first + 2, key.duration_ms / k_ms_per_hour)
        .bind(first + 3, tickets)
        .bind(first + 4, tickets * key.duration_ms);
    first += 5;
  }
  return statement.queue();
}

template struct ResolutionHours<sqlite::Connection>;
template struct ResolutionHours<postgresql::Connection>;

}  // namespace snag::sql
