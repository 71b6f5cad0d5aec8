#pragma once
// The SQL of the volume report (Store::ticket_volume, volume_queries.hpp), every value a bound
// parameter. The open tickets are read live from the index that holds only them
// (tickets_open_groups). The resolved ones are read either from the tickets, or, when the query
// selects nothing but what the kept resolution hours hold (resolution_hours.hpp), from those
// hours, and then each group's exact median from the index of its durations.

#include <cstdint>
#include <string>
#include <string_view>

#include <snag/domain/analytics/ticket_volume.hpp>
#include <snag/domain/ticket_query.hpp>
#include <snag/storage/sql/dialect.hpp>
#include <snag/storage/sql/list_sql.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {

// A resolved ticket's milliseconds from opening to resolution, none below zero, as the schema's
// duration indexes (version 20) spell it.
inline constexpr std::string_view k_resolution_ms_sql =
    "CASE WHEN resolved_at > created_at THEN resolved_at - created_at ELSE 0 END";

inline constexpr std::int64_t k_ms_per_hour = 3'600'000;

// Per group, the open tickets the query selects. Rows: group, open, then one count per aging
// bucket (k_aging_buckets).
ListSql build_open_volume_sql(const TicketQuery& query, VolumeGrouping grouping, Timestamp now, const Dialect& dialect);

// Per group, the resolved tickets the query selects, from the tickets. Rows: group, resolved,
// summed milliseconds to resolution.
ListSql build_resolved_volume_sql(const TicketQuery& query, VolumeGrouping grouping, const Dialect& dialect);

// Per group, the middle one or two durations to resolution of the resolved tickets the query
// selects, from the tickets. Rows: group, their summed milliseconds, how many (1 or 2).
ListSql build_resolved_medians_sql(const TicketQuery& query, VolumeGrouping grouping, const Dialect& dialect);

// Whether the kept resolution hours hold the resolved part of the query's answer: it filters on
// nothing, and its caller, if any, sees every team and every type. The hours hold no synthetic
// probe ticket, as no unfiltered query counts them.
bool resolution_hours_answer(const TicketQuery& query);

// The grouping's kept hours. Rows: group, hour, tickets, summed milliseconds; by group, then hour.
ListSql build_resolution_hours_sql(VolumeGrouping grouping);

// The durations to resolution of one group's resolved tickets (the synthetic probe's not among
// them) from a number of milliseconds on, in order, through the grouping's duration index.
// Parameters: group, from milliseconds, how many, how many to skip.
ListSql build_group_durations_sql(VolumeGrouping grouping);

}  // namespace snag::sql
