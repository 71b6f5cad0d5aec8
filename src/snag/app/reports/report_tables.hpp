#pragma once
// The scheduled reports as export tables, the one shape that CSV (app/exports/export_table.hpp)
// and PDF (render/pdf_table.hpp) are written from.

#include <optional>

#include <snag/app/exports/export_table.hpp>
#include <snag/app/reports/aging_report.hpp>
#include <snag/app/reports/executive_summary.hpp>
#include <snag/app/reports/report_schedule.hpp>
#include <snag/domain/ids.hpp>

namespace snag {

// One row per team and issue type, then the total ("All teams", "All types"): open tickets,
// one column per age bucket, the oldest ticket's key and age in days.
ExportTable aging_table(const AgingReport& report);

// Two columns, measure and value: the period, open volume, opened, resolved, mean and median
// hours to resolve, the resolution target, the top issue types and the spikes.
ExportTable summary_table(const ExecutiveSummary& summary);

// Runs report `kind` for `actor` and returns its table. The aging report counts the tickets
// opened since `since` (every open ticket when absent); the summary covers [since, now), the
// k_summary_period before now when absent.
Result<ExportTable> report_table(const AgingReportService& aging, const ExecutiveSummaryService& summary,
                                 ReportKind kind, const Actor& actor, std::optional<Timestamp> since, Timestamp now);

}  // namespace snag
