#pragma once
// The SLA report's parameters, shared by the report (reports.cpp) and its export (exports.cpp).

#include <snag/app/reports/sla_report.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {

// by (team, type, severity; team), from (30 days before `to`), to (now); validation_failed
// naming each bad one.
Result<SlaReportRequest> parse_sla_report_request(const QueryParams& params, Timestamp now);

}  // namespace snag::http
