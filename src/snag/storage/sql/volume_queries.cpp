#include <map>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/volume_queries.hpp>
#include <snag/storage/sql/volume_sql.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {

namespace {

constexpr double k_ms_per_hour_double = static_cast<double>(k_ms_per_hour);

using VolumeRows = std::map<std::string, VolumeRow>;  // by group, bytewise

VolumeRow& row_of(VolumeRows& rows, const std::string& group) {
  VolumeRow& row = rows[group];
  row.group = group;
  return row;
}

// Calls `read` on every row of a built statement.
template <class Connection, class Read>
Result<void> each_row(Connection& connection, const ListSql& built, Read read) {
  auto statement = connection.prepare(built.sql);
  bind_all(statement, built.params);
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return {};
    read(statement);
  }
}

void set_mean(VolumeRow& row, std::int64_t summed_ms) {
  if (row.resolved > 0) {
    row.mean_hours_to_resolve =
        static_cast<double>(summed_ms) / static_cast<double>(row.resolved) / k_ms_per_hour_double;
  }
}

// One group's kept hours: tickets per whole hour to resolution, in hour order.
struct GroupHours {
  std::vector<std::pair<std::int64_t, std::int64_t>> tickets_per_hour;
  std::int64_t summed_ms = 0;
};

// The median of a group's `resolved` durations: the middle one (odd count) or the mean of the
// middle two (even count), each found at its position within its hour through the group's
// duration index. nullopt when the index no longer holds them (tickets written meanwhile).
template <class Connection>
Result<std::optional<double>> median_from_hours(Connection& connection, VolumeGrouping grouping,
                                                const std::string& group, const GroupHours& hours,
                                                std::int64_t resolved) {
  const std::int64_t first = (resolved + 1) / 2;  // 1-based positions
  const std::int64_t last = (resolved + 2) / 2;
  std::int64_t before = 0;  // durations in the hours before the current one
  for (const auto& [hour, tickets] : hours.tickets_per_hour) {
    if (before + tickets < first) {
      before += tickets;
      continue;
    }
    auto statement = connection.prepare(build_group_durations_sql(grouping).sql);
    statement.bind(1, group).bind(2, hour * k_ms_per_hour).bind(3, last - first + 1).bind(4, first - before - 1);
    std::int64_t summed = 0;
    std::int64_t count = 0;
    for (;;) {
      auto row = statement.step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      summed += statement.int64(0);
      ++count;
    }
    if (count == 0) return std::optional<double>{};
    return std::optional<double>{static_cast<double>(summed) / static_cast<double>(count) / k_ms_per_hour_double};
  }
  return std::optional<double>{};
}

// The resolved part from the kept hours (resolution_hours.hpp).
template <class Connection>
Result<void> resolved_from_hours(Connection& connection, VolumeGrouping grouping, VolumeRows& rows) {
  std::map<std::string, GroupHours> groups;
  auto read = each_row(connection, build_resolution_hours_sql(grouping), [&](auto& statement) {
    GroupHours& hours = groups[statement.text(0)];
    hours.tickets_per_hour.emplace_back(statement.int64(1), statement.int64(2));
    hours.summed_ms += statement.int64(3);
  });
  if (!read) return read;
  for (const auto& [group, hours] : groups) {
    VolumeRow& row = row_of(rows, group);
    for (const auto& [hour, tickets] : hours.tickets_per_hour) row.resolved += tickets;
    set_mean(row, hours.summed_ms);
    auto median = median_from_hours(connection, grouping, group, hours, row.resolved);
    if (!median) return tl::unexpected(median.error());
    row.median_hours_to_resolve = *median;
  }
  return {};
}

// The resolved part from the tickets themselves.
template <class Connection>
Result<void> resolved_from_tickets(Connection& connection, const TicketQuery& query, VolumeGrouping grouping,
                                   VolumeRows& rows) {
  const auto& dialect = Connection::dialect();
  auto sums = each_row(connection, build_resolved_volume_sql(query, grouping, dialect), [&](auto& statement) {
    VolumeRow& row = row_of(rows, statement.text(0));
    row.resolved = statement.int64(1);
    set_mean(row, statement.int64(2));
  });
  if (!sums) return sums;
  return each_row(connection, build_resolved_medians_sql(query, grouping, dialect), [&](auto& statement) {
    const auto found = rows.find(statement.text(0));
    if (found == rows.end()) return;  // a ticket resolved between the two statements
    found->second.median_hours_to_resolve =
        static_cast<double>(statement.int64(1)) / static_cast<double>(statement.int64(2)) / k_ms_per_hour_double;
  });
}

}  // namespace

template <class Connection>
Result<std::vector<VolumeRow>> VolumeQueries<Connection>::ticket_volume(Connection& connection,
                                                                        const TicketQuery& query,
                                                                        VolumeGrouping grouping, Timestamp now) {
  VolumeRows rows;
  auto open =
      each_row(connection, build_open_volume_sql(query, grouping, now, Connection::dialect()), [&](auto& statement) {
        VolumeRow& row = row_of(rows, statement.text(0));
        row.open = statement.int64(1);
        for (std::size_t bucket = 0; bucket < row.aging.size(); ++bucket) {
          row.aging[bucket] = statement.int64(2 + static_cast<int>(bucket));
        }
      });
  if (!open) return tl::unexpected(open.error());
  auto resolved = resolution_hours_answer(query) ? resolved_from_hours(connection, grouping, rows)
                                                 : resolved_from_tickets(connection, query, grouping, rows);
  if (!resolved) return tl::unexpected(resolved.error());
  std::vector<VolumeRow> ordered;
  ordered.reserve(rows.size());
  for (auto& [group, row] : rows) ordered.push_back(std::move(row));
  return ordered;
}

template struct VolumeQueries<sqlite::Connection>;
template struct VolumeQueries<postgresql::Connection>;

}  // namespace snag::sql
