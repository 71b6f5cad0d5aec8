#include <snag/app/exports/cell_text.hpp>
#include <snag/app/reports/report_tables.hpp>

namespace snag {
namespace {

std::string hours(const std::optional<double>& value) { return optional_decimal(value, "n/a"); }

std::string percent(const std::optional<double>& share) { return optional_percent(share, "n/a"); }

std::string day_of(Timestamp at) { return format_rfc3339(at).substr(0, 10); }

std::vector<std::string> aging_row(const AgingGroupRow& row, std::string team, std::string type) {
  std::vector<std::string> cells{std::move(team), std::move(type), std::to_string(row.open)};
  for (const std::int64_t count : row.aging) cells.push_back(std::to_string(count));
  cells.push_back(row.open > 0 ? ticket_key(row.oldest) : "");
  cells.push_back(row.open > 0 ? std::to_string(row.oldest_age_days) : "");
  return cells;
}

}  // namespace

ExportTable aging_table(const AgingReport& report) {
  ExportTable table;
  table.title = "Aging of open tickets on " + format_rfc3339(report.generated_at);
  if (report.since) table.title += ", opened since " + format_rfc3339(*report.since);
  table.columns = {"Team", "Issue type", "Open"};
  for (const std::string_view bucket : k_aging_buckets) table.columns.push_back(std::string(bucket) + " days");
  table.columns.push_back("Oldest ticket");
  table.columns.push_back("Oldest age (days)");
  for (const AgingGroupRow& row : report.rows) table.rows.push_back(aging_row(row, row.team, row.type));
  table.rows.push_back(aging_row(report.total, "All teams", "All types"));
  return table;
}

ExportTable summary_table(const ExecutiveSummary& summary) {
  const PeriodSummary& period = summary.period;
  ExportTable table;
  table.title = "Executive summary, " + format_rfc3339(period.from) + " to " + format_rfc3339(period.to);
  table.columns = {"Measure", "Value"};
  table.rows = {
      {"Period start", format_rfc3339(period.from)},
      {"Period end", format_rfc3339(period.to)},
      {"Open tickets at end", std::to_string(period.open)},
      {"Opened in period", std::to_string(period.opened)},
      {"Resolved in period", std::to_string(period.resolved)},
      {"Mean hours to resolve", hours(period.mean_hours_to_resolve)},
      {"Median hours to resolve", hours(period.median_hours_to_resolve)},
      {"Resolution target met", std::to_string(period.resolution_target.met)},
      {"Resolution target breached", std::to_string(period.resolution_target.breached)},
      {"Resolution target adherence", percent(period.resolution_target.adherence())},
  };
  for (std::size_t rank = 0; rank < summary.top_types.size(); ++rank) {
    const ParetoItem& item = summary.top_types[rank];
    table.rows.push_back({"Top issue type " + std::to_string(rank + 1),
                          item.type + ": " + std::to_string(static_cast<std::int64_t>(item.value)) + " opened (" +
                              percent(item.share) + ")"});
  }
  if (summary.spikes.empty()) table.rows.push_back({"Spikes", "none"});
  for (const CategorySpike& spike : summary.spikes) {
    table.rows.push_back({"Spike", spike.category + ": " + std::to_string(spike.tickets) + " tickets in the week of " +
                                       day_of(spike.week_start)});
  }
  return table;
}

Result<ExportTable> report_table(const AgingReportService& aging, const ExecutiveSummaryService& summary,
                                 ReportKind kind, const Actor& actor, std::optional<Timestamp> since, Timestamp now) {
  if (kind == ReportKind::aging) {
    auto report = aging.report(actor, since);
    if (!report) return tl::unexpected(std::move(report.error()));
    return aging_table(*report);
  }
  auto report = summary.report(actor, since.value_or(now - k_summary_period));
  if (!report) return tl::unexpected(std::move(report.error()));
  return summary_table(*report);
}

}  // namespace snag
