#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/sql/candidate_delay_days.hpp>
#include <snag/storage/sql/day_counts.hpp>
#include <snag/storage/sql/report_sql.hpp>
#include <snag/storage/sql/ticket_filters.hpp>

namespace snag::sql {

namespace {

bool on_utc_day(std::optional<Timestamp> at) { return !at || to_epoch_ms(*at) % k_ms_per_day == 0; }

// Whether the summaries kept per UTC day (day_counts.hpp, candidate_delay_days.hpp) hold what the
// query selects: tickets selected by nothing they lack (issue types, and a period of whole UTC
// days) for a caller who sees every team. They hold no synthetic probe ticket, and only a query
// that names the probe's candidate (a candidate filter) counts them.
bool kept_days_answer(const TicketQuery& query) {
  if (filters_beyond_type_and_opening(query)) return false;
  if (query.scope && !query.scope->every_team) return false;
  return on_utc_day(query.created_after) && on_utc_day(query.created_before);
}

// The types and whole days the query selects, on a kept summary's day and type columns.
Builder kept_day_filters(const TicketQuery& query, const Dialect& dialect) {
  Builder builder;
  if (query.scope) add_scope(builder, *query.scope, dialect);  // every team: the types alone
  builder.add_in("type", query.types);
  if (query.created_after) builder.add("day >= ?", {to_epoch_ms(*query.created_after) / k_ms_per_day});
  if (query.created_before) builder.add("day < ?", {to_epoch_ms(*query.created_before) / k_ms_per_day});
  return builder;
}

// The counts from the day counts, the resolved tickets' delay from the delay days, and the open
// tickets' delay (up to `now`) from their own index.
ListSql build_kept_type_totals_sql(const TicketQuery& query, Timestamp now, const Dialect& dialect) {
  Builder counted = kept_day_filters(query, dialect);
  Builder delayed = kept_day_filters(query, dialect);
  Builder open = report_filters(query, dialect);
  ListSql totals;
  totals.sql =
      "SELECT type, CAST(SUM(tickets) AS BIGINT), CAST(SUM(delay_ms) AS BIGINT) FROM (SELECT type, tickets, "
      "0 AS delay_ms FROM ticket_day_counts WHERE TRUE" +
      counted.where() + " UNION ALL SELECT type, 0, delay_ms FROM candidate_delay_days WHERE TRUE" + delayed.where() +
      " UNION ALL SELECT type, 0, CASE WHEN ? > created_at THEN ? - created_at ELSE 0 END FROM tickets "
      "WHERE resolved_at IS NULL AND candidate_external_id IS NOT NULL" +
      open.where() + ") AS kept GROUP BY type HAVING SUM(tickets) > 0";
  for (Builder* builder : {&counted, &delayed}) {
    for (auto& param : builder->params()) totals.params.push_back(std::move(param));
  }
  totals.params.emplace_back(to_epoch_ms(now));
  totals.params.emplace_back(to_epoch_ms(now));
  for (auto& param : open.params()) totals.params.push_back(std::move(param));
  return totals;
}

}  // namespace

ListSql build_type_totals_sql(const TicketQuery& query, Timestamp now, const Dialect& dialect) {
  if (kept_days_answer(query)) return build_kept_type_totals_sql(query, now, dialect);
  Builder builder = report_filters(query, dialect);
  // The delay's end (resolved_at, else now) is named once per row through a subquery, so that
  // `now` is one parameter.
  ListSql totals;
  totals.sql =
      "SELECT type, COUNT(*), CAST(COALESCE(SUM(CASE WHEN candidate_external_id IS NULL OR ended_at <= created_at "
      "THEN 0 ELSE ended_at - created_at END), 0) AS BIGINT) FROM (SELECT type, candidate_external_id, created_at, "
      "COALESCE(resolved_at, ?) AS ended_at FROM tickets WHERE TRUE";
  totals.sql += builder.where();
  totals.sql += ") AS selected GROUP BY type";
  totals.params.emplace_back(to_epoch_ms(now));
  for (auto& param : builder.params()) totals.params.push_back(std::move(param));
  return totals;
}

namespace {

// Whether ticket_day_counts (day_counts.hpp) answers the weekly counts: it holds what the query
// selects, from the first week on, and the weeks start at midnight UTC.
bool day_counts_answer(const TicketQuery& query, Timestamp origin) {
  if (!query.created_after || *query.created_after < origin) return false;
  return on_utc_day(origin) && kept_days_answer(query);
}

ListSql build_weekly_day_counts_sql(const TicketQuery& query, Timestamp origin, std::string_view column,
                                    const Dialect& dialect) {
  Builder builder = kept_day_filters(query, dialect);
  // A day's tickets fall in the week of its midnight, as the origin is a midnight too. A row
  // left at zero (its tickets moved to another type or deleted) is no count.
  ListSql counts;
  counts.sql = "SELECT " + std::string(column) + ", (day * ? - ?) / ? AS week, CAST(SUM(tickets) AS BIGINT) FROM " +
               "ticket_day_counts WHERE TRUE" + builder.where() + " GROUP BY " + std::string(column) +
               ", week HAVING SUM(tickets) > 0";
  counts.params.emplace_back(k_ms_per_day);
  counts.params.emplace_back(to_epoch_ms(origin));
  counts.params.emplace_back(std::int64_t{7} * k_ms_per_day);
  for (auto& param : builder.params()) counts.params.push_back(std::move(param));
  return counts;
}

}  // namespace

ListSql build_weekly_counts_sql(const TicketQuery& query, Timestamp origin, WeeklyCountKey key,
                                const Dialect& dialect) {
  // One of two fixed column names, never caller text.
  const std::string column = key == WeeklyCountKey::type ? "type" : "reporter";
  if (day_counts_answer(query, origin)) return build_weekly_day_counts_sql(query, origin, column, dialect);
  Builder builder = report_filters(query, dialect);
  ListSql counts;
  counts.sql = "SELECT " + column + ", week, COUNT(*) FROM (SELECT " + column +
               ", (created_at - ?) / ? AS week FROM tickets WHERE TRUE";
  counts.sql += builder.where();
  counts.sql += ") AS selected GROUP BY " + column + ", week";
  counts.params.emplace_back(to_epoch_ms(origin));
  counts.params.emplace_back(std::int64_t{7 * 24 * 3600 * 1000});
  for (auto& param : builder.params()) counts.params.push_back(std::move(param));
  return counts;
}

namespace {

// Whether withdrawal_cohorts (withdrawal_cohorts.hpp) answers the withdrawal counts: a period of
// whole UTC days, and tickets selected by nothing the cohorts lack (their types) for a caller
// who sees every team.
bool withdrawal_cohorts_answer(const TicketQuery* query, std::optional<Timestamp> from, std::optional<Timestamp> to) {
  if (!on_utc_day(from) || !on_utc_day(to)) return false;
  return query == nullptr || (kept_days_answer(*query) && !query->created_after && !query->created_before);
}

ListSql build_withdrawal_cohorts_sql(const TicketQuery* query, std::optional<Timestamp> from,
                                     std::optional<Timestamp> to, const Dialect& dialect) {
  Builder builder;
  if (query == nullptr) {
    builder.add("type = ?", {std::string()});  // the rows of every candidate
  } else {
    builder.add("type <> ?", {std::string()});
    if (query->scope) add_scope(builder, *query->scope, dialect);  // every team: the types alone
    builder.add_in("type", query->types);
  }
  if (from) builder.add("day >= ?", {to_epoch_ms(*from) / k_ms_per_day});
  if (to) builder.add("day < ?", {to_epoch_ms(*to) / k_ms_per_day});
  ListSql counts;
  counts.sql = query == nullptr ? "SELECT CAST(COALESCE(SUM(candidates), 0) AS BIGINT), "
                                  "CAST(COALESCE(SUM(withdrawn), 0) AS BIGINT) FROM withdrawal_cohorts WHERE TRUE" +
                                      builder.where()
                                : "SELECT type, CAST(SUM(candidates) AS BIGINT), CAST(SUM(withdrawn) AS BIGINT) FROM "
                                  "withdrawal_cohorts WHERE TRUE" +
                                      builder.where() + " GROUP BY type HAVING SUM(candidates) > 0";
  counts.params = std::move(builder.params());
  return counts;
}

}  // namespace

ListSql build_withdrawal_counts_sql(const TicketQuery* query, std::optional<Timestamp> from,
                                    std::optional<Timestamp> to, const Dialect& dialect) {
  if (withdrawal_cohorts_answer(query, from, to)) return build_withdrawal_cohorts_sql(query, from, to, dialect);
  ListSql counts;
  if (query == nullptr) {
    counts.sql = "SELECT COUNT(*), COUNT(withdrawn_at) FROM candidates AS c WHERE c.ats <> ?";
  } else {
    // Each candidate once per type: the DISTINCT runs on the tickets before the join.
    Builder builder = report_filters(*query, dialect);
    counts.sql =
        "SELECT t.type, COUNT(*), COUNT(c.withdrawn_at) FROM (SELECT DISTINCT type, candidate_ats, "
        "candidate_external_id FROM tickets WHERE candidate_ats IS NOT NULL";
    counts.sql += builder.where();
    counts.sql +=
        ") AS t JOIN candidates AS c ON c.ats = t.candidate_ats AND c.external_id = t.candidate_external_id "
        "WHERE c.ats <> ?";
    for (auto& param : builder.params()) counts.params.push_back(std::move(param));
  }
  // The synthetic probe's candidate is nobody.
  counts.params.emplace_back(std::string(k_synthetic_ats));
  if (from) {
    counts.sql += " AND c.created_at >= ?";
    counts.params.emplace_back(to_epoch_ms(*from));
  }
  if (to) {
    counts.sql += " AND c.created_at < ?";
    counts.params.emplace_back(to_epoch_ms(*to));
  }
  if (query != nullptr) counts.sql += " GROUP BY t.type";
  return counts;
}

}  // namespace snag::sql
