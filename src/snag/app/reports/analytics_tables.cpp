#include <cmath>

#include <snag/app/exports/cell_text.hpp>
#include <snag/app/reports/analytics_tables.hpp>

namespace snag {
namespace {

std::string day_of(Timestamp at) { return format_rfc3339(at).substr(0, 10); }

std::string period_text(const std::optional<Timestamp>& from, const std::optional<Timestamp>& to) {
  if (!from && !to) return "all";
  return (from ? format_rfc3339(*from) : std::string("the first")) + " to " +
         (to ? format_rfc3339(*to) : std::string("now"));
}

std::vector<std::string> tally_cells(const WithdrawalTally& tally) {
  return {std::to_string(tally.candidates), std::to_string(tally.withdrawn), optional_percent(tally.rate(), "")};
}

}  // namespace

ExportTable sla_table(const std::vector<SlaAdherenceRow>& rows, const SlaReportRequest& request) {
  ExportTable table{"SLA adherence by " + std::string(to_string(request.grouping)) + ", tickets opened " +
                        format_rfc3339(request.from) + " to " + format_rfc3339(request.to),
                    {std::string(to_string(request.grouping)), "tickets", "first_response_met",
                     "first_response_breached", "first_response_running", "first_response_adherence", "resolution_met",
                     "resolution_breached", "resolution_running", "resolution_adherence"},
                    {}};
  for (const auto& row : rows) {
    std::vector<std::string> cells{row.group, std::to_string(row.tickets)};
    for (const TargetTally* tally : {&row.first_response, &row.resolution}) {
      cells.push_back(std::to_string(tally->met));
      cells.push_back(std::to_string(tally->breached));
      cells.push_back(std::to_string(tally->running));
      cells.push_back(optional_percent(tally->adherence(), ""));
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

ExportTable pareto_table(const Pareto& pareto, const ParetoReportRequest& request) {
  const bool by_count = request.measure == ParetoMeasure::count;
  ExportTable table{std::string("Issue types by ") + (by_count ? "tickets" : "candidate delay") + ", tickets opened " +
                        period_text(request.from, request.to),
                    {"type", by_count ? "tickets" : "delay_hours", "share", "cumulative_share", "cut"},
                    {}};
  for (std::size_t i = 0; i < pareto.items.size(); ++i) {
    const ParetoItem& item = pareto.items[i];
    table.rows.push_back({item.type, by_count ? std::to_string(std::llround(item.value)) : one_decimal(item.value),
                          percent_text(item.share), percent_text(item.cumulative_share),
                          pareto.cut_index == i ? "80% reached" : ""});
  }
  return table;
}

ExportTable volume_table(const std::vector<VolumeRow>& rows, const VolumeReportRequest& request) {
  const std::string grouping(to_string(request.grouping));
  ExportTable table{"Ticket volume by " + grouping + ", tickets opened " + period_text(request.from, request.to),
                    {grouping, "open", "resolved", "mean_hours_to_resolve", "median_hours_to_resolve"},
                    {}};
  for (const std::string_view bucket : k_aging_buckets)
    table.columns.push_back("open_" + std::string(bucket) + "_days");
  for (const auto& row : rows) {
    std::vector<std::string> cells{row.group, std::to_string(row.open), std::to_string(row.resolved),
                                   optional_decimal(row.mean_hours_to_resolve, ""),
                                   optional_decimal(row.median_hours_to_resolve, "")};
    for (const std::int64_t count : row.aging) cells.push_back(std::to_string(count));
    table.rows.push_back(std::move(cells));
  }
  return table;
}

ExportTable trend_table(const TrendReport& report) {
  ExportTable table{"Tickets opened per week and issue category", {"category", "week_start", "tickets", "spike"}, {}};
  for (const auto& trend : report.categories) {
    for (std::size_t week = 0; week < trend.tickets.size(); ++week) {
      table.rows.push_back({trend.category, day_of(report.week_starts[week]), std::to_string(trend.tickets[week]),
                            trend.spikes[week] ? "spike" : ""});
    }
  }
  return table;
}

ExportTable adoption_table(const AdoptionReport& report) {
  ExportTable table{"Tickets opened per person and week",
                    {"team", "person", "week_start", "tickets", "per_member_per_week", "needs_training"},
                    {}};
  for (const auto& team : report.adoption.teams) {
    table.rows.push_back({team.team, "", "", std::to_string(team.tickets), one_decimal(team.per_member_per_week),
                          team.needs_training ? "needs training" : ""});
  }
  for (const auto& person : report.adoption.people) {
    for (std::size_t week = 0; week < person.weekly.size(); ++week) {
      table.rows.push_back(
          {person.team, person.person, day_of(report.week_starts[week]), std::to_string(person.weekly[week]), "", ""});
    }
  }
  return table;
}

ExportTable taxonomy_table(const std::vector<TypeReview>& review) {
  ExportTable table{
      "Issue types in use",
      {"type", "name", "deprecated", "replaced_by", "tickets_last_quarter", "open_tickets", "flagged_for_deprecation"},
      {}};
  for (const auto& row : review) {
    table.rows.push_back({row.type, row.name, row.deprecated ? "yes" : "no", row.replaced_by.value_or(""),
                          std::to_string(row.tickets_last_quarter), std::to_string(row.open_tickets),
                          row.flagged_for_deprecation ? "yes" : "no"});
  }
  return table;
}

ExportTable abandonment_table(const AbandonmentReport& report, const AbandonmentReportRequest& request) {
  ExportTable table{
      "Candidate withdrawals by issue type, candidates who entered " + period_text(request.from, request.to),
      {"type", "candidates_with", "withdrawn_with", "rate_with", "candidates_without", "withdrawn_without",
       "rate_without", "difference", "difference_low_95", "difference_high_95", "significant"},
      {}};
  for (const auto& row : report.types) {
    std::vector<std::string> cells{row.type};
    for (const WithdrawalTally* tally : {&row.with_type, &row.without_type}) {
      for (auto& cell : tally_cells(*tally)) cells.push_back(std::move(cell));
    }
    cells.push_back(optional_percent(row.difference, ""));
    cells.push_back(row.difference_interval ? percent_text(row.difference_interval->low) : "");
    cells.push_back(row.difference_interval ? percent_text(row.difference_interval->high) : "");
    cells.push_back(row.significant ? "yes" : "no");
    table.rows.push_back(std::move(cells));
  }
  return table;
}

ExportTable change_defects_table(const std::vector<ChangeDefects>& rows, Timestamp from, Timestamp to) {
  ExportTable table{
      "Defects per change deployed " + format_rfc3339(from) + " to " + format_rfc3339(to),
      {"change", "system", "deployed_at", "summary", "tickets", "unresolved_tickets", "incidents", "defects"},
      {}};
  for (const auto& row : rows) {
    table.rows.push_back({row.change.id, row.change.system, format_rfc3339(row.change.deployed_at), row.change.summary,
                          std::to_string(row.tickets), std::to_string(row.unresolved_tickets),
                          std::to_string(row.incidents), std::to_string(row.tickets + row.incidents)});
  }
  return table;
}

}  // namespace snag
