#pragma once
// The reports' parameters, shared by the reports (reports.cpp) and their exports (exports.cpp).

#include <cstddef>

#include <snag/app/reports/abandonment_report.hpp>
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

// from and to (no bound): the period the candidates entered Snag in.
Result<AbandonmentReportRequest> parse_abandonment_report_request(const QueryParams& params);

// The changes deployed in [from, to).
struct ChangeReportPeriod {
  Timestamp from;
  Timestamp to;
};
// from (k_default_change_period before `to`), to (now).
inline constexpr auto k_default_change_period = std::chrono::days(90);
Result<ChangeReportPeriod> parse_change_report_request(const QueryParams& params, Timestamp now);

// weeks (1 to `max_weeks`; `default_weeks`), the one parameter of the trend and adoption reports.
Result<std::size_t> parse_weeks(const QueryParams& params, std::string_view report, std::size_t default_weeks,
                                std::size_t max_weeks);

// For a report that takes no parameters (the taxonomy review): validation_failed naming each.
Result<void> expect_no_params(const QueryParams& params, std::string_view report);

}  // namespace snag::http
