// /api/v1/reports/…: what leaders read (reports:read), over the tickets the caller may see.

#include <cmath>

#include <snag/http/handlers/report_query.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {
namespace {

nlohmann::json encode_tally(const TargetTally& tally) {
  const auto adherence = tally.adherence();
  return {{"met", tally.met},
          {"breached", tally.breached},
          {"running", tally.running},
          {"adherence", adherence ? nlohmann::json(*adherence) : nlohmann::json(nullptr)}};
}

HttpResponse get_sla_report(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto parsed = parse_sla_report_request(*params, services.access_recorder.clock().now());
  if (!parsed) return problem_response(parsed.error());
  auto rows = services.sla_report.report(request.caller(), *parsed);
  if (!rows) return problem_response(rows.error());
  auto items = nlohmann::json::array();
  for (const auto& row : *rows) {
    items.push_back({{"group", row.group},
                     {"tickets", row.tickets},
                     {"first_response", encode_tally(row.first_response)},
                     {"resolution", encode_tally(row.resolution)}});
  }
  return json_body(200, {{"by", to_string(parsed->grouping)},
                         {"from", format_rfc3339(parsed->from)},
                         {"to", format_rfc3339(parsed->to)},
                         {"items", std::move(items)}});
}

nlohmann::json encode_pareto(const Pareto& pareto, ParetoMeasure measure) {
  auto items = nlohmann::json::array();
  for (const auto& item : pareto.items) {
    // Counts are whole numbers, and read as such.
    const nlohmann::json value =
        measure == ParetoMeasure::count ? nlohmann::json(std::llround(item.value)) : nlohmann::json(item.value);
    items.push_back({{"type", item.type},
                     {"value", value},
                     {"share", item.share},
                     {"cumulative_share", item.cumulative_share}});
  }
  return {{"by", to_string(measure)},
          {"items", std::move(items)},
          {"cut_index", pareto.cut_index ? nlohmann::json(*pareto.cut_index) : nlohmann::json(nullptr)}};
}

HttpResponse get_pareto_report(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto parsed = parse_pareto_report_request(*params);
  if (!parsed) return problem_response(parsed.error());
  auto pareto = services.pareto_report.report(request.caller(), *parsed);
  if (!pareto) return problem_response(pareto.error());
  return json_body(200, encode_pareto(*pareto, parsed->measure));
}

}  // namespace

constexpr auto k_default_period = std::chrono::hours(24 * 30);

// by (team, type, severity; team), from (30 days before `to`), to (now).
Result<SlaReportRequest> parse_sla_report_request(const QueryParams& params, Timestamp now) {
  SlaReportRequest request;
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (name == "by") {
      if (auto grouping = parse_sla_grouping(value)) {
        request.grouping = *grouping;
      } else {
        errors.push_back({"by", "must be team, type or severity"});
      }
    } else if (name == "from" || name == "to") {
      const auto at = parse_rfc3339(value);
      if (!at) errors.push_back({name, "must be an RFC 3339 time"});
      (name == "from" ? from : to) = at;
    } else {
      errors.push_back({name, "is not a parameter of the SLA report (by, from, to)"});
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  request.to = to.value_or(now);
  request.from = from.value_or(request.to - k_default_period);
  return request;
}

Result<ParetoReportRequest> parse_pareto_report_request(const QueryParams& params) {
  ParetoReportRequest request;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (name == "by") {
      if (auto measure = parse_pareto_measure(value)) {
        request.measure = *measure;
      } else {
        errors.push_back({"by", "must be count or delay"});
      }
    } else if (name == "from" || name == "to") {
      const auto at = parse_rfc3339(value);
      if (!at) errors.push_back({name, "must be an RFC 3339 time"});
      (name == "from" ? request.from : request.to) = at;
    } else {
      errors.push_back({name, "is not a parameter of the Pareto report (by, from, to)"});
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return request;
}

std::vector<RouteInfo> report_routes(const HttpServices& services) {
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get,
                    "/api/v1/reports/sla",
                    "getSlaReport",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "SLA adherence of the tickets opened in a period, per team, issue type or severity "
                                "(reports:read; only tickets the caller may see)",
                     .tag = "reports",
                     .query_params = {"by", "from", "to"},
                     .response_schema = "SlaReport",
                     .problem_statuses = {401, 403, 422}},
                    [&services](HttpRequest& request) { return get_sla_report(services, request); }});
  routes.push_back({HttpMethod::get,
                    "/api/v1/reports/pareto",
                    "getParetoReport",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "Issue types ranked by tickets or by candidate delay hours, with each one's share, the "
                                "running share and the first type where 80% is reached (reports:read; only tickets "
                                "the caller may see)",
                     .tag = "reports",
                     .query_params = {"by", "from", "to"},
                     .response_schema = "ParetoReport",
                     .problem_statuses = {401, 403, 422}},
                    [&services](HttpRequest& request) { return get_pareto_report(services, request); }});
  return routes;
}

}  // namespace snag::http
