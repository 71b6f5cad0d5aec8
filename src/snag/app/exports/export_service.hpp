#pragma once
// Exports of ticket lists, the access log and the reports (GET /api/v1/exports/…). An export needs
// tickets:export, plus what reading its content needs (access_log:read for the access log), and
// the installation's `exports.enabled` switch (off in regulated environments). It holds what the
// same caller would read through the API, masked the same way, and is recorded in the access log,
// with its row count and format, before it leaves; a refused attempt is recorded as refused.

#include <string_view>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/access/access_log_reader.hpp>
#include <snag/app/access/access_recorder.hpp>
#include <snag/app/exports/export_gate.hpp>
#include <snag/app/exports/export_table.hpp>
#include <snag/app/reports/pareto_report.hpp>
#include <snag/app/reports/sla_report.hpp>
#include <snag/app/ticket_service.hpp>

namespace snag {

class ExportService {
 public:
  ExportService(TicketService& tickets, const SlaReportService& sla_report, const ParetoReportService& pareto_report,
                Store& store, const AccessGuard& access,
                AccessRecorder& recorder, ExportPolicy policy);

  // Every ticket the query's filters and sort select (its limit and cursor are ignored).
  // permission_denied when exports are off or the role may not export; validation_failed on
  // `filters` when more than max_rows tickets match.
  Result<ExportTable> tickets(const Actor& actor, TicketQuery query, std::string_view format) const;
  // Every access log entry the query selects, newest first.
  Result<ExportTable> access_log(const Actor& actor, AccessLogQuery query, std::string_view format) const;
  // The SLA adherence report's rows (which also needs reports:read).
  Result<ExportTable> sla_report(const Actor& actor, const SlaReportRequest& request, std::string_view format) const;
  // The Pareto report's items (which also needs reports:read).
  Result<ExportTable> pareto_report(const Actor& actor, const ParetoReportRequest& request,
                                    std::string_view format) const;

  const ExportPolicy& policy() const { return m_gate.policy(); }

 private:
  TicketService& m_tickets;
  const SlaReportService& m_sla_report;
  const ParetoReportService& m_pareto_report;
  Store& m_store;
  const AccessGuard& m_access;
  ExportGate m_gate;
};

}  // namespace snag
