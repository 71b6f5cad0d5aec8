// GET /api/v1/exports/tickets, /api/v1/exports/access-log and /api/v1/exports/reports/{sla,pareto}:
// the parameters of the matching list or report, all matching rows, as CSV or as a watermarked
// PDF (`format`), for those whose role may export (app/exports/export_service.hpp).

#include <snag/http/handlers/access_log_query.hpp>
#include <snag/http/handlers/report_query.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>
#include <snag/render/pdf_table.hpp>

namespace snag::http {
namespace {

enum class ExportFormat { csv, pdf };

// Takes `format` out of the parameters; the rest are the list's filters. limit and cursor are
// refused: an export carries every matching row.
Result<ExportFormat> take_format(QueryParams& params) {
  std::vector<FieldError> errors;
  ExportFormat format = ExportFormat::csv;
  for (auto it = params.find("format"); it != params.end(); it = params.find("format")) {
    if (it->second == "pdf") {
      format = ExportFormat::pdf;
    } else if (it->second != "csv") {
      errors.push_back({"format", "must be csv or pdf"});
    }
    params.erase(it);
  }
  for (const char* paging : {"limit", "cursor"}) {
    if (params.contains(paging)) errors.push_back({paging, "an export carries every matching row; leave it out"});
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return format;
}

std::string_view format_name(ExportFormat format) { return format == ExportFormat::pdf ? "pdf" : "csv"; }

HttpResponse document(const HttpServices& services, const Actor& actor, const ExportTable& table,
                      ExportFormat format, std::string_view name) {
  const std::string at = format_rfc3339(services.access_recorder.clock().now());
  const std::string file = std::string(name) + "-" + at.substr(0, 10) + "." + std::string(format_name(format));
  HttpResponse response;
  if (format == ExportFormat::csv) {
    response.content_type = "text/csv; charset=utf-8";
    response.body = table_csv(table);
  } else {
    auto pdf = render_pdf(table, export_watermark(actor.name, at));
    if (!pdf) return problem_response(pdf.error());
    response.content_type = "application/pdf";
    response.body = std::move(*pdf);
  }
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse export_tickets(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto format = take_format(*params);
  if (!format) return problem_response(format.error());
  auto query = parse_ticket_query(*params, services.catalog);
  if (!query) return problem_response(query.error());
  auto table = services.exports.tickets(request.caller(), std::move(*query), format_name(*format));
  if (!table) return problem_response(table.error());
  return document(services, request.caller(), *table, *format, "tickets");
}

HttpResponse export_access_log(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto format = take_format(*params);
  if (!format) return problem_response(format.error());
  auto query = parse_access_log_query(*params);
  if (!query) return problem_response(query.error());
  auto table = services.exports.access_log(request.caller(), std::move(*query), format_name(*format));
  if (!table) return problem_response(table.error());
  return document(services, request.caller(), *table, *format, "access-log");
}

HttpResponse export_sla_report(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto format = take_format(*params);
  if (!format) return problem_response(format.error());
  auto parsed = parse_sla_report_request(*params, services.access_recorder.clock().now());
  if (!parsed) return problem_response(parsed.error());
  auto table = services.exports.sla_report(request.caller(), *parsed, format_name(*format));
  if (!table) return problem_response(table.error());
  return document(services, request.caller(), *table, *format, "sla-report");
}

HttpResponse export_pareto_report(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto format = take_format(*params);
  if (!format) return problem_response(format.error());
  auto parsed = parse_pareto_report_request(*params);
  if (!parsed) return problem_response(parsed.error());
  auto table = services.exports.pareto_report(request.caller(), *parsed, format_name(*format));
  if (!table) return problem_response(table.error());
  return document(services, request.caller(), *table, *format, "pareto-report");
}

}  // namespace

std::vector<RouteInfo> export_routes(const HttpServices& services) {
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get, "/api/v1/exports/tickets", "exportTickets", Access::bearer, Execution::blocking,
                    {.summary = "Every ticket the list filters select, as CSV or as a PDF with a watermark on every "
                                "page; masked as the API masks; recorded in the access log (tickets:export)",
                     .tag = "compliance",
                     .query_params = {"format", "status", "severity", "type", "team", "assignee", "candidate", "q",
                                      "created_after", "created_before", "sort"},
                     .response_content_type = k_export_content_types,
                     .problem_statuses = {403, 422}},
                    [&services](HttpRequest& request) { return export_tickets(services, request); }});
  routes.push_back({HttpMethod::get, "/api/v1/exports/access-log", "exportAccessLog", Access::bearer,
                    Execution::blocking,
                    {.summary = "The access log entries the filters select, newest first, as CSV or PDF "
                                "(tickets:export and access_log:read)",
                     .tag = "compliance",
                     .query_params = {"format", "actor", "action", "ticket", "candidate", "since"},
                     .response_content_type = k_export_content_types,
                     .problem_statuses = {403, 422}},
                    [&services](HttpRequest& request) { return export_access_log(services, request); }});
  routes.push_back({HttpMethod::get, "/api/v1/exports/reports/sla", "exportSlaReport", Access::bearer,
                    Execution::blocking,
                    {.summary = "The SLA adherence report as CSV or PDF (tickets:export and reports:read)",
                     .tag = "compliance",
                     .query_params = {"format", "by", "from", "to"},
                     .response_content_type = k_export_content_types,
                     .problem_statuses = {403, 422}},
                    [&services](HttpRequest& request) { return export_sla_report(services, request); }});
  routes.push_back({HttpMethod::get, "/api/v1/exports/reports/pareto", "exportParetoReport", Access::bearer,
                    Execution::blocking,
                    {.summary = "The Pareto report as CSV or PDF (tickets:export and reports:read)",
                     .tag = "compliance",
                     .query_params = {"format", "by", "from", "to"},
                     .response_content_type = k_export_content_types,
                     .problem_statuses = {403, 422}},
                    [&services](HttpRequest& request) { return export_pareto_report(services, request); }});
  return routes;
}

}  // namespace snag::http
