#pragma once
// The SQL of the report aggregates over many tickets (Queries: type totals, weekly counts,
// withdrawal counts), every value a bound parameter. Each reads a kept summary (kept_summaries.hpp)
// when the query selects nothing the summary lacks, else the tickets themselves. The volume
// report's SQL is in volume_sql.hpp.

#include <optional>

#include <snag/domain/analytics/type_totals.hpp>
#include <snag/domain/ticket_query.hpp>
#include <snag/storage/sql/dialect.hpp>
#include <snag/storage/sql/list_sql.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {

// Per issue type, the count and the summed candidate delay (domain/analytics/type_totals.hpp) of
// the tickets the query's filters and scope select; its text, sort, limit and cursor are not
// used; open tickets count their delay up to `now`. Rows: type, tickets, candidate delay in
// milliseconds. From the kept day counts and delay days and the open tickets when they hold the
// answer, else from every ticket.
ListSql build_type_totals_sql(const TicketQuery& query, Timestamp now, const Dialect& dialect);

// Per issue type and week since `origin` (whole 7-day periods), how many of the tickets the
// query selects (as build_type_totals_sql) were opened. Rows: type, week, tickets. From the
// kept day counts (day_counts.hpp) when they hold the answer, else from the tickets.
ListSql build_weekly_counts_sql(const TicketQuery& query, Timestamp origin, WeeklyCountKey key, const Dialect& dialect);

// The candidates that entered Snag in [from, to) and how many withdrew, per issue type of the
// tickets the query selects (as build_type_totals_sql) that they had; with `query` absent, all
// of them at once. Rows: type (absent without a query), candidates, withdrawn. From the kept
// withdrawal cohorts (withdrawal_cohorts.hpp) when they hold the answer, else from the tickets
// and the candidates.
ListSql build_withdrawal_counts_sql(const TicketQuery* query, std::optional<Timestamp> from,
                                    std::optional<Timestamp> to, const Dialect& dialect);

}  // namespace snag::sql
