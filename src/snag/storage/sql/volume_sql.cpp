#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/sql/ticket_filters.hpp>
#include <snag/storage/sql/volume_sql.hpp>

namespace snag::sql {

namespace {

// A fixed column expression per grouping, never caller text; as the duration indexes name them.
std::string_view volume_group_column(VolumeGrouping grouping) {
  switch (grouping) {
    case VolumeGrouping::team: return "team";
    case VolumeGrouping::issue_type: return "type";
    case VolumeGrouping::severity: return "severity";
    case VolumeGrouping::assignee: return "COALESCE(assignee, '')";
  }
  return "team";
}

}  // namespace

ListSql build_open_volume_sql(const TicketQuery& query, VolumeGrouping grouping, Timestamp now,
                              const Dialect& dialect) {
  // Whole days open: integer division, as the domain's floor for every age that is not negative.
  std::string sql = "SELECT g, COUNT(*)";
  // A ticket opened after `now` (clocks differ between nodes) has a negative age: the first bucket.
  for (std::size_t bucket = 0; bucket <= k_aging_bucket_last_days.size(); ++bucket) {
    std::string range;
    if (bucket > 0) range += "age_days > " + std::to_string(k_aging_bucket_last_days[bucket - 1]);
    if (bucket < k_aging_bucket_last_days.size()) {
      range +=
          std::string(bucket > 0 ? " AND " : "") + "age_days <= " + std::to_string(k_aging_bucket_last_days[bucket]);
    }
    sql += ", CAST(SUM(CASE WHEN " + range + " THEN 1 ELSE 0 END) AS BIGINT)";
  }
  Builder filters = report_filters(query, dialect);
  ListSql open;
  open.sql = sql + " FROM (SELECT " + std::string(volume_group_column(grouping)) + " AS g, (? - created_at) / " +
             std::to_string(24 * 3600 * 1000) + " AS age_days FROM tickets WHERE resolved_at IS NULL" +
             filters.where() + ") AS selected GROUP BY g";
  open.params.emplace_back(to_epoch_ms(now));
  for (auto& param : filters.params()) open.params.push_back(std::move(param));
  return open;
}

ListSql build_resolved_volume_sql(const TicketQuery& query, VolumeGrouping grouping, const Dialect& dialect) {
  Builder filters = report_filters(query, dialect);
  ListSql resolved;
  resolved.sql = "SELECT g, COUNT(*), CAST(SUM(d) AS BIGINT) FROM (SELECT " +
                 std::string(volume_group_column(grouping)) + " AS g, " + std::string(k_resolution_ms_sql) +
                 " AS d FROM tickets WHERE resolved_at IS NOT NULL" + filters.where() + ") AS resolved GROUP BY g";
  resolved.params = std::move(filters.params());
  return resolved;
}

ListSql build_resolved_medians_sql(const TicketQuery& query, VolumeGrouping grouping, const Dialect& dialect) {
  // The median without a percentile function (SQLite has none): number the durations within
  // their group and keep the middle one (odd count) or two (even count).
  Builder filters = report_filters(query, dialect);
  ListSql medians;
  medians.sql =
      "SELECT g, CAST(SUM(d) AS BIGINT), COUNT(*) FROM (SELECT g, d, ROW_NUMBER() OVER (PARTITION BY g ORDER BY d) "
      "AS position, COUNT(*) OVER (PARTITION BY g) AS n FROM (SELECT " +
      std::string(volume_group_column(grouping)) + " AS g, " + std::string(k_resolution_ms_sql) +
      " AS d FROM tickets WHERE resolved_at IS NOT NULL" + filters.where() +
      ") AS resolved) AS numbered WHERE position IN ((n + 1) / 2, (n + 2) / 2) GROUP BY g";
  medians.params = std::move(filters.params());
  return medians;
}

bool resolution_hours_answer(const TicketQuery& query) {
  if (filters_beyond_type_and_opening(query) || !query.types.empty() || query.created_after || query.created_before) {
    return false;
  }
  return !query.scope || (query.scope->every_team && !query.scope->types);
}

ListSql build_resolution_hours_sql(VolumeGrouping grouping) {
  ListSql hours;
  // A row left at zero (its tickets reopened, moved or deleted) is no hour.
  hours.sql =
      "SELECT group_value, hour, tickets, duration_ms FROM resolution_hours WHERE grouped_by = ? AND tickets > 0 "
      "ORDER BY group_value, hour";
  hours.params.emplace_back(std::string(to_string(grouping)));  // as the schema names it
  return hours;
}

ListSql build_group_durations_sql(VolumeGrouping grouping) {
  const std::string duration(k_resolution_ms_sql);
  ListSql durations;
  // The probe's id is our constant, never caller text.
  durations.sql = "SELECT " + duration + " FROM tickets WHERE resolved_at IS NOT NULL AND " +
                  std::string(volume_group_column(grouping)) + " = ? AND " + duration +
                  " >= ? AND (candidate_external_id IS NULL OR candidate_external_id <> '" +
                  std::string(k_synthetic_candidate_id) + "') ORDER BY " + duration + " LIMIT ? OFFSET ?";
  return durations;
}

}  // namespace snag::sql
