// GET /api/v1/exports/tickets, /api/v1/exports/access-log and /api/v1/exports/reports/{report}:
// the parameters of the matching list or report, all matching rows, as CSV or as a watermarked
// PDF (`format`), for those whose role may export (app/exports/export_service.hpp). And
// GET /api/v1/exports/vendor-feedback: the anonymised issue log for ATS vendors, as CSV or JSON
// (app/exports/vendor_feedback_export.hpp).

#include <functional>

#include <snag/app/reports/analytics_tables.hpp>
#include <snag/http/handlers/access_log_query.hpp>
#include <snag/http/produced_body.hpp>
#include <snag/http/handlers/report_query.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>
#include <snag/render/pdf_table.hpp>

namespace snag::http {
namespace {

enum class ExportFormat { csv, pdf, json };

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

std::string_view format_name(ExportFormat format) {
  switch (format) {
    case ExportFormat::pdf: return "pdf";
    case ExportFormat::json: return "json";
    case ExportFormat::csv: break;
  }
  return "csv";
}

// Every export is a dated attachment that no cache keeps.
HttpResponse attachment(const HttpServices& services, HttpResponse response, ExportFormat format,
                        std::string_view name) {
  const std::string day = format_rfc3339(services.access_recorder.clock().now()).substr(0, 10);
  const std::string file = std::string(name) + "-" + day + "." + std::string(format_name(format));
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse document(const HttpServices& services, const Actor& actor, const ExportTable& table,
                      ExportFormat format, std::string_view name) {
  HttpResponse response;
  if (format == ExportFormat::csv) {
    response.content_type = "text/csv; charset=utf-8";
    response.body = table_csv(table);
  } else {
    const std::string at = format_rfc3339(services.access_recorder.clock().now());
    auto pdf = render_pdf(table, export_watermark(actor.name, at));
    if (!pdf) return problem_response(pdf.error());
    response.content_type = "application/pdf";
    response.body = std::move(*pdf);
  }
  return attachment(services, std::move(response), format, name);
}

// The CSV export of tickets, streamed from a thread of its own as the pages are read.
HttpResponse stream_tickets(const HttpServices& services, const Actor& actor, TicketQuery query) {
  if (auto opened = services.exports.open_ticket_stream(actor); !opened) return problem_response(opened.error());
  HttpResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.body_stream = std::make_shared<ProducedBody>(
      [&exports = services.exports, actor, query = std::move(query)](ProducedBody::Sink& sink) {
        return exports.stream_tickets(actor, query, [&](std::string_view text) { return sink.write(text); }).has_value();
      });
  return attachment(services, std::move(response), ExportFormat::csv, "tickets");
}

HttpResponse export_tickets(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto format = take_format(*params);
  if (!format) return problem_response(format.error());
  auto query = parse_ticket_query(*params, services.catalog);
  if (!query) return problem_response(query.error());
  if (*format == ExportFormat::csv) return stream_tickets(services, request.caller(), std::move(*query));
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

// A report's export: `build` reads the report's parameters, runs it and makes its table.
struct ReportExport {
  std::string_view name;  // the route's last segment: /api/v1/exports/reports/{name}
  std::string_view operation_id;
  std::string_view summary;
  std::vector<std::string_view> query_params;
  std::function<Result<ExportTable>(const HttpServices&, const Actor&, const QueryParams&)> build;
};

// Makes a table of a report's answer, or passes its error on.
template <class Answer, class MakeTable>
Result<ExportTable> table_of(Result<Answer> answer, MakeTable make_table) {
  if (!answer) return tl::unexpected(std::move(answer.error()));
  return make_table(*answer);
}

std::vector<ReportExport> report_exports() {
  using P = const QueryParams&;
  using S = const HttpServices&;
  using A = const Actor&;
  return {
      {"sla", "exportSlaReport", "The SLA adherence report as CSV or PDF (tickets:export and reports:read)",
       {"format", "by", "from", "to"},
       [](S services, A actor, P params) -> Result<ExportTable> {
         auto request = parse_sla_report_request(params, services.access_recorder.clock().now());
         if (!request) return tl::unexpected(std::move(request.error()));
         return table_of(services.sla_report.report(actor, *request),
                         [&](const auto& rows) { return sla_table(rows, *request); });
       }},
      {"pareto", "exportParetoReport", "The Pareto report as CSV or PDF (tickets:export and reports:read)",
       {"format", "by", "from", "to"},
       [](S services, A actor, P params) -> Result<ExportTable> {
         auto request = parse_pareto_report_request(params);
         if (!request) return tl::unexpected(std::move(request.error()));
         return table_of(services.pareto_report.report(actor, *request),
                         [&](const auto& pareto) { return pareto_table(pareto, *request); });
       }},
      {"volume", "exportVolumeReport", "The volume report as CSV or PDF (tickets:export and reports:read)",
       {"format", "by", "from", "to"},
       [](S services, A actor, P params) -> Result<ExportTable> {
         auto request = parse_volume_report_request(params);
         if (!request) return tl::unexpected(std::move(request.error()));
         return table_of(services.volume_report.report(actor, *request),
                         [&](const auto& rows) { return volume_table(rows, *request); });
       }},
      {"trends", "exportTrendReport",
       "The weekly trend report, one row per category and week, as CSV or PDF (tickets:export and reports:read)",
       {"format", "weeks"},
       [](S services, A actor, P params) -> Result<ExportTable> {
         auto weeks = parse_weeks(params, "trend report", k_default_trend_weeks, k_max_trend_weeks);
         if (!weeks) return tl::unexpected(std::move(weeks.error()));
         return table_of(services.trend_report.report(actor, *weeks), trend_table);
       }},
      {"adoption", "exportAdoptionReport",
       "The adoption report, its teams then each person's weeks, as CSV or PDF (tickets:export and reports:read)",
       {"format", "weeks"},
       [](S services, A actor, P params) -> Result<ExportTable> {
         auto weeks = parse_weeks(params, "adoption report", k_default_adoption_weeks, k_max_adoption_weeks);
         if (!weeks) return tl::unexpected(std::move(weeks.error()));
         return table_of(services.adoption_report.report(actor, *weeks), adoption_table);
       }},
      {"taxonomy", "exportTaxonomyReview", "The taxonomy review as CSV or PDF (tickets:export and reports:read)",
       {"format"},
       [](S services, A actor, P params) -> Result<ExportTable> {
         if (auto none = expect_no_params(params, "taxonomy review"); !none) {
           return tl::unexpected(std::move(none.error()));
         }
         return table_of(services.taxonomy.review(actor), taxonomy_table);
       }},
      {"abandonment", "exportAbandonmentReport",
       "The abandonment report as CSV or PDF (tickets:export and reports:read)",
       {"format", "from", "to"},
       [](S services, A actor, P params) -> Result<ExportTable> {
         auto request = parse_abandonment_report_request(params);
         if (!request) return tl::unexpected(std::move(request.error()));
         return table_of(services.abandonment_report.report(actor, *request),
                         [&](const auto& report) { return abandonment_table(report, *request); });
       }},
      {"changes", "exportChangeReport",
       "The defects per change as CSV or PDF (tickets:export and incidents:read)",
       {"format", "from", "to"},
       [](S services, A actor, P params) -> Result<ExportTable> {
         auto period = parse_change_report_request(params, services.access_recorder.clock().now());
         if (!period) return tl::unexpected(std::move(period.error()));
         return table_of(services.changes.defects(actor, period->from, period->to),
                         [&](const auto& rows) { return change_defects_table(rows, period->from, period->to); });
       }},
  };
}

HttpResponse export_report(const HttpServices& services, HttpRequest& request, const ReportExport& report) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto format = take_format(*params);
  if (!format) return problem_response(format.error());
  const std::string name(report.name);
  auto table = services.exports.report(request.caller(), name + "_report", format_name(*format),
                                       [&] { return report.build(services, request.caller(), *params); });
  if (!table) return problem_response(table.error());
  return document(services, request.caller(), *table, *format, name + "-report");
}

// format (csv or json; csv), k (1 to k_max_anonymity_k; the configuration's), since, until and
// ats; validation_failed naming each bad one.
Result<std::pair<VendorFeedbackRequest, ExportFormat>> parse_vendor_feedback_request(const QueryParams& params) {
  VendorFeedbackRequest request;
  ExportFormat format = ExportFormat::csv;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (name == "format") {
      if (value == "json") {
        format = ExportFormat::json;
      } else if (value != "csv") {
        errors.push_back({"format", "must be csv or json"});
      }
    } else if (name == "k") {
      const auto k = parse_positive(value);
      if (!k) errors.push_back({"k", "must be a whole number from 1 to " + std::to_string(k_max_anonymity_k)});
      request.k = k;
    } else if (name == "since" || name == "until") {
      const auto at = parse_rfc3339(value);
      if (!at) errors.push_back({name, "must be an RFC 3339 time"});
      (name == "since" ? request.since : request.until) = at;
    } else if (name == "ats") {
      if (value.empty()) errors.push_back({"ats", "must name an ATS"});
      request.ats = value;
    } else {
      errors.push_back({name, "is not a parameter of the vendor feedback export (format, k, since, until, ats)"});
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return std::pair{std::move(request), format};
}

HttpResponse export_vendor_feedback(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto parsed = parse_vendor_feedback_request(*params);
  if (!parsed) return problem_response(parsed.error());
  const auto& [feedback_request, format] = *parsed;
  auto log = services.vendor_feedback.build(request.caller(), feedback_request, format_name(format));
  if (!log) return problem_response(log.error());
  if (format == ExportFormat::csv) {
    return document(services, request.caller(), vendor_feedback_table(*log), format, "vendor-feedback");
  }
  return attachment(services, json_body(200, vendor_feedback_json(*log)), format, "vendor-feedback");
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
  for (ReportExport& report : report_exports()) {
    RouteDoc doc{.summary = report.summary,
                 .tag = "compliance",
                 .query_params = report.query_params,
                 .response_content_type = k_export_content_types,
                 .problem_statuses = {403, 422}};
    routes.push_back({HttpMethod::get, "/api/v1/exports/reports/" + std::string(report.name),
                      std::string(report.operation_id),
                      Access::bearer, Execution::blocking, std::move(doc),
                      [&services, report](HttpRequest& request) { return export_report(services, request, report); }});
  }
  routes.push_back({HttpMethod::get, "/api/v1/exports/vendor-feedback", "exportVendorFeedback", Access::bearer,
                    Execution::blocking,
                    {.summary = "The anonymised issue log for ATS vendors: a row per ticket about a candidate, the "
                                "candidate as a hash salted for this export, no free text, days for times, geography "
                                "and level generalised until each combination covers k candidates "
                                "(tickets:export and reports:read)",
                     .tag = "compliance",
                     .query_params = {"format", "k", "since", "until", "ats"},
                     .response_schema = "VendorFeedbackExport",
                     .response_content_type = k_csv_or_json_content_types,
                     .problem_statuses = {403, 422}},
                    [&services](HttpRequest& request) { return export_vendor_feedback(services, request); }});
  return routes;
}

}  // namespace snag::http
