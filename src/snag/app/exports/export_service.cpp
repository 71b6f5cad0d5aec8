#include <snag/app/exports/export_service.hpp>

#include <cmath>

namespace snag {
namespace {

std::string optional_time_text(const std::optional<Timestamp>& at) { return at ? format_rfc3339(*at) : ""; }

std::vector<std::string> ticket_row(const Ticket& ticket) {
  return {ticket_key(ticket.id),
          ticket.type,
          ticket.title,
          ticket.status,
          std::string(to_string(ticket.severity)),
          ticket.team,
          ticket.assignee.value_or(""),
          ticket.candidate ? to_string(*ticket.candidate) : "",
          format_rfc3339(ticket.created_at),
          format_rfc3339(ticket.updated_at),
          optional_time_text(ticket.resolution_due_at),
          optional_time_text(ticket.resolved_at)};
}

std::vector<std::string> access_row(const AccessEntry& entry) {
  return {std::to_string(entry.seq),
          format_rfc3339(entry.at),
          entry.actor,
          entry.credential,
          std::string(to_string(entry.action)),
          entry.object,
          entry.ticket ? ticket_key(*entry.ticket) : "",
          entry.candidate ? to_string(*entry.candidate) : "",
          entry.address};
}

// A number with one decimal: 12.5
std::string one_decimal(double value) {
  const auto tenths = static_cast<long long>(value * 10 + 0.5);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::string percent_text(double fraction) { return one_decimal(fraction * 100) + "%"; }

std::string adherence_text(const TargetTally& tally) {
  const auto adherence = tally.adherence();
  return adherence ? percent_text(*adherence) : "";
}

std::vector<std::string> sla_row(const SlaAdherenceRow& row) {
  std::vector<std::string> cells{row.group, std::to_string(row.tickets)};
  for (const TargetTally* tally : {&row.first_response, &row.resolution}) {
    cells.push_back(std::to_string(tally->met));
    cells.push_back(std::to_string(tally->breached));
    cells.push_back(std::to_string(tally->running));
    cells.push_back(adherence_text(*tally));
  }
  return cells;
}

std::vector<std::string> pareto_row(const ParetoItem& item, ParetoMeasure measure, bool is_cut) {
  return {item.type, measure == ParetoMeasure::count ? std::to_string(std::llround(item.value)) : one_decimal(item.value),
          percent_text(item.share), percent_text(item.cumulative_share), is_cut ? "80% reached" : ""};
}

std::string period_text(const ParetoReportRequest& request) {
  if (!request.from && !request.to) return "all tickets";
  return "tickets opened " + (request.from ? format_rfc3339(*request.from) : std::string("from the first")) +
         (request.to ? " to " + format_rfc3339(*request.to) : std::string(" on"));
}

}  // namespace

ExportService::ExportService(TicketService& tickets, const SlaReportService& sla_report,
                             const ParetoReportService& pareto_report, Store& store, const AccessGuard& access,
                             AccessRecorder& recorder, ExportPolicy policy)
    : m_tickets(tickets),
      m_sla_report(sla_report),
      m_pareto_report(pareto_report),
      m_store(store),
      m_access(access),
      m_gate(access, recorder, policy) {}

Result<ExportTable> ExportService::tickets(const Actor& actor, TicketQuery query, std::string_view format) const {
  if (auto allowed = m_gate.require(actor, "tickets", format); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  ExportTable table{"Tickets",
                    {"key", "type", "title", "status", "severity", "team", "assignee", "candidate", "created_at",
                     "updated_at", "resolution_due_at", "resolved_at"},
                    {}};
  query.limit = k_max_page_size;
  query.cursor.reset();
  for (;;) {
    auto page = m_tickets.list(actor, query);
    if (!page) return tl::unexpected(std::move(page.error()));
    for (const Ticket& ticket : page->items) table.rows.push_back(ticket_row(ticket));
    if (auto fits = m_gate.check_size(table.rows.size()); !fits) return tl::unexpected(std::move(fits.error()));
    if (!page->next) break;
    query.cursor = page->next;
  }
  if (auto logged = m_gate.record(actor, "tickets", table.rows.size(), format); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return table;
}

Result<ExportTable> ExportService::access_log(const Actor& actor, AccessLogQuery query,
                                              std::string_view format) const {
  if (auto allowed = m_gate.require(actor, "access_log", format); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  ExportTable table{"Access log",
                    {"seq", "at", "actor", "credential", "action", "object", "ticket", "candidate", "address"},
                    {}};
  query.limit = k_max_access_log_page;
  query.before_seq.reset();
  for (;;) {
    auto page = read_access_log(m_store, m_access, actor, query);
    if (!page) return tl::unexpected(std::move(page.error()));
    for (const AccessEntry& entry : page->items) table.rows.push_back(access_row(entry));
    if (auto fits = m_gate.check_size(table.rows.size()); !fits) return tl::unexpected(std::move(fits.error()));
    if (!page->next_before_seq) break;
    query.before_seq = page->next_before_seq;
  }
  if (auto logged = m_gate.record(actor, "access_log", table.rows.size(), format); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return table;
}

Result<ExportTable> ExportService::sla_report(const Actor& actor, const SlaReportRequest& request,
                                              std::string_view format) const {
  if (auto allowed = m_gate.require(actor, "sla_report", format); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto rows = m_sla_report.report(actor, request);
  if (!rows) return tl::unexpected(std::move(rows.error()));
  ExportTable table{"SLA adherence by " + std::string(to_string(request.grouping)) + ", tickets opened " +
                        format_rfc3339(request.from) + " to " + format_rfc3339(request.to),
                    {std::string(to_string(request.grouping)), "tickets", "first_response_met",
                     "first_response_breached", "first_response_running", "first_response_adherence",
                     "resolution_met", "resolution_breached", "resolution_running", "resolution_adherence"},
                    {}};
  for (const auto& row : *rows) table.rows.push_back(sla_row(row));
  if (auto logged = m_gate.record(actor, "sla_report", table.rows.size(), format); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return table;
}

Result<ExportTable> ExportService::pareto_report(const Actor& actor, const ParetoReportRequest& request,
                                                 std::string_view format) const {
  if (auto allowed = m_gate.require(actor, "pareto_report", format); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto pareto = m_pareto_report.report(actor, request);
  if (!pareto) return tl::unexpected(std::move(pareto.error()));
  const bool by_count = request.measure == ParetoMeasure::count;
  ExportTable table{std::string("Issue types by ") + (by_count ? "tickets" : "candidate delay") + ", " +
                        period_text(request),
                    {"type", by_count ? "tickets" : "delay_hours", "share", "cumulative_share", "cut"},
                    {}};
  for (std::size_t i = 0; i < pareto->items.size(); ++i) {
    table.rows.push_back(pareto_row(pareto->items[i], request.measure, pareto->cut_index == i));
  }
  if (auto logged = m_gate.record(actor, "pareto_report", table.rows.size(), format); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return table;
}

}  // namespace snag
