#pragma once
// The analytics reports (GET /api/v1/reports/…) as export tables, the shape their CSV and PDF
// exports (GET /api/v1/exports/reports/…) are written from: one row per item of the JSON answer,
// the same numbers, shares as percentages with one decimal.

#include <vector>

#include <snag/app/exports/export_table.hpp>
#include <snag/app/reports/abandonment_report.hpp>
#include <snag/app/reports/adoption_report.hpp>
#include <snag/app/reports/pareto_report.hpp>
#include <snag/app/reports/sla_report.hpp>
#include <snag/app/reports/trend_report.hpp>
#include <snag/app/reports/volume_report.hpp>
#include <snag/domain/taxonomy.hpp>

namespace snag {

ExportTable sla_table(const std::vector<SlaAdherenceRow>& rows, const SlaReportRequest& request);
// The cut (the first type at 80%) says so in its last column.
ExportTable pareto_table(const Pareto& pareto, const ParetoReportRequest& request);
ExportTable volume_table(const std::vector<VolumeRow>& rows, const VolumeReportRequest& request);
// One row per category and week; spikes say "spike".
ExportTable trend_table(const TrendReport& report);
// One row per team (its members, tickets, rate and flag), then one per person and week.
ExportTable adoption_table(const AdoptionReport& report);
ExportTable taxonomy_table(const std::vector<TypeReview>& review);
ExportTable abandonment_table(const AbandonmentReport& report, const AbandonmentReportRequest& request);
ExportTable change_defects_table(const std::vector<ChangeDefects>& rows, Timestamp from, Timestamp to);

}  // namespace snag
