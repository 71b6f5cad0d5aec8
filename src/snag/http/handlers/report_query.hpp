#pragma once
// The reports' parameters, shared by the reports (reports.cpp) and their exports (exports.cpp).

#include <snag/app/reports/pareto_report.hpp>
#include <snag/app/reports/sla_report.hpp>
#include <snag/app/reports/volume_report.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {

// by (team, type, severity; team), from (30 days before `to`), to (now); validation_failed
// naming each bad one.
Result<SlaReportRequest> parse_sla_report_request(const QueryParams& params, Timestamp now);

// by (count, delay; count), from and to (no bound); validation_failed naming each bad one.
Result<ParetoReportRequest> parse_pareto_report_request(const QueryParams& params);

// by (team, type, severity, assignee; team), from and to (no bound); validation_failed naming
// each bad one.
Result<VolumeReportRequest> parse_volume_report_request(const QueryParams& params);

}  // namespace snag::http
