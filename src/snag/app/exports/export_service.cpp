#include <snag/app/exports/export_service.hpp>

#include <array>


namespace snag {
namespace {

// Tickets read per query of an export: few enough to hold at once, many enough that each
// query's fixed cost is small beside its rows (the SQL store reads up to 1000 per query).
constexpr int k_export_page_size = 1000;

constexpr std::array<std::string_view, 12> k_ticket_columns{
    "key",      "type",     "title",      "status",     "severity",          "team",
    "assignee", "candidate", "created_at", "updated_at", "resolution_due_at", "resolved_at"};

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

}  // namespace

ExportService::ExportService(TicketService& tickets, Store& store, const AccessGuard& access,
                             AccessRecorder& recorder, ExportPolicy policy)
    : m_tickets(tickets),
      m_store(store),
      m_access(access),
      m_gate(access, recorder, policy) {}

Result<void> ExportService::for_each_ticket_page(const Actor& actor, TicketQuery query,
                                                 const std::function<bool(const std::vector<Ticket>&)>& visit) const {
  query.limit = k_export_page_size;
  query.cursor.reset();
  for (;;) {
    auto page = m_tickets.list_for_export(actor, query);
    if (!page) return tl::unexpected(std::move(page.error()));
    if (!visit(page->items) || !page->next) return {};
    query.cursor = page->next;
  }
}

Result<ExportTable> ExportService::tickets(const Actor& actor, TicketQuery query, std::string_view format) const {
  if (auto allowed = m_gate.require(actor, "tickets", format); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  ExportTable table{"Tickets", {k_ticket_columns.begin(), k_ticket_columns.end()}, {}};
  Result<void> fits;
  auto read = for_each_ticket_page(actor, std::move(query), [&](const std::vector<Ticket>& tickets) {
    for (const Ticket& ticket : tickets) table.rows.push_back(ticket_row(ticket));
    fits = m_gate.check_size(table.rows.size());
    return fits.has_value();
  });
  if (!read) return tl::unexpected(std::move(read.error()));
  if (!fits) return tl::unexpected(std::move(fits.error()));
  if (auto logged = m_gate.record(actor, "tickets", table.rows.size(), format); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return table;
}

Result<void> ExportService::open_ticket_stream(const Actor& actor) const {
  if (auto allowed = m_gate.require(actor, "tickets", "csv"); !allowed) return allowed;
  return m_gate.record_start(actor, "tickets", "csv");
}

Result<std::size_t> ExportService::stream_tickets(const Actor& actor, TicketQuery query,
                                                  const std::function<bool(std::string_view)>& write) const {
  std::string text;
  append_csv_line(text, {k_ticket_columns.begin(), k_ticket_columns.end()});
  bool receiving = write(text);
  std::size_t rows = 0;
  if (receiving) {
    auto read = for_each_ticket_page(actor, std::move(query), [&](const std::vector<Ticket>& tickets) {
      text.clear();
      for (const Ticket& ticket : tickets) append_csv_line(text, ticket_row(ticket));
      receiving = write(text);
      if (receiving) rows += tickets.size();
      return receiving;
    });
    if (!read) return tl::unexpected(std::move(read.error()));
  }
  if (auto logged = m_gate.record(actor, receiving ? "tickets" : "tickets stopped", rows, "csv"); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return rows;
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

Result<ExportTable> ExportService::report(const Actor& actor, std::string_view what, std::string_view format,
                                          const std::function<Result<ExportTable>()>& build) const {
  if (auto allowed = m_gate.require(actor, what, format); !allowed) return tl::unexpected(std::move(allowed.error()));
  auto table = build();
  if (!table) return table;
  if (auto logged = m_gate.record(actor, what, table->rows.size(), format); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return table;
}

}  // namespace snag
