#pragma once
// Exports of ticket lists, the access log and the reports (GET /api/v1/exports/…). An export needs
// tickets:export, plus what reading its content needs (access_log:read for the access log), and
// the installation's `exports.enabled` switch (off in regulated environments). It holds what the
// same caller would read through the API, masked the same way, and is recorded in the access log,
// with its row count and format, before it leaves; a refused attempt is recorded as refused.

#include <functional>
#include <string_view>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/access/access_log_reader.hpp>
#include <snag/app/access/access_recorder.hpp>
#include <snag/app/exports/export_gate.hpp>
#include <snag/app/exports/export_table.hpp>
#include <snag/app/ticket_service.hpp>

namespace snag {

class ExportService {
 public:
  ExportService(TicketService& tickets, Store& store, const AccessGuard& access, AccessRecorder& recorder,
                ExportPolicy policy);

  // Every ticket the query's filters and sort select (its limit and cursor are ignored).
  // permission_denied when exports are off or the role may not export; validation_failed on
  // `filters` when more than max_rows tickets match. For the PDF, which is drawn whole.
  Result<ExportTable> tickets(const Actor& actor, TicketQuery query, std::string_view format) const;
  // The CSV export of tickets, streamed, in two steps. `open_ticket_stream` checks the caller
  // (as `tickets` does) and logs `export:tickets started format=csv` before anything leaves;
  // `stream_tickets` then hands `write` the header line and each page of rows as it is read
  // (`write` returns false when the receiver is gone), and logs the row count when it ends
  // (`export:tickets rows=N format=csv`, or `stopped rows=N` when the receiver left). Only one
  // page is held at a time, so there is no size limit.
  Result<void> open_ticket_stream(const Actor& actor) const;
  Result<std::size_t> stream_tickets(const Actor& actor, TicketQuery query,
                                     const std::function<bool(std::string_view)>& write) const;
  // Every access log entry the query selects, newest first.
  Result<ExportTable> access_log(const Actor& actor, AccessLogQuery query, std::string_view format) const;
  // The table `build` makes of report `what` ("pareto_report"); the report checks its own
  // permission (reports:read).
  Result<ExportTable> report(const Actor& actor, std::string_view what, std::string_view format,
                             const std::function<Result<ExportTable>()>& build) const;

  const ExportPolicy& policy() const { return m_gate.policy(); }

 private:
  // Pages through the tickets `actor` may see that `query` selects (its limit and cursor
  // ignored) until `visit` returns false.
  Result<void> for_each_ticket_page(const Actor& actor, TicketQuery query,
                                    const std::function<bool(const std::vector<Ticket>&)>& visit) const;

  TicketService& m_tickets;
  Store& m_store;
  const AccessGuard& m_access;
  ExportGate m_gate;
};

}  // namespace snag
