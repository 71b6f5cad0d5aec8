// /api/v1/reports/…: what leaders read (reports:read), over the tickets the caller may see.

#include <cmath>
#include <functional>

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

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

HttpResponse get_volume_report(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto parsed = parse_volume_report_request(*params);
  if (!parsed) return problem_response(parsed.error());
  auto rows = services.volume_report.report(request.caller(), *parsed);
  if (!rows) return problem_response(rows.error());
  auto items = nlohmann::json::array();
  for (const auto& row : *rows) {
    auto aging = nlohmann::json::object();
    for (std::size_t i = 0; i < k_aging_buckets.size(); ++i) aging[std::string(k_aging_buckets[i])] = row.aging[i];
    items.push_back({{"group", row.group.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.group)},
                     {"open", row.open},
                     {"resolved", row.resolved},
                     {"mean_hours_to_resolve", optional_number(row.mean_hours_to_resolve)},
                     {"median_hours_to_resolve", optional_number(row.median_hours_to_resolve)},
                     {"aging", std::move(aging)}});
  }
  return json_body(200, {{"by", to_string(parsed->grouping)}, {"items", std::move(items)}});
}

HttpResponse get_trend_report(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto weeks = parse_weeks(*params, "trend report", k_default_trend_weeks, k_max_trend_weeks);
  if (!weeks) return problem_response(weeks.error());
  auto report = services.trend_report.report(request.caller(), *weeks);
  if (!report) return problem_response(report.error());
  auto items = nlohmann::json::array();
  for (const auto& trend : report->categories) {
    auto series = nlohmann::json::array();
    for (std::size_t i = 0; i < trend.tickets.size(); ++i) {
      series.push_back({{"start", format_rfc3339(report->week_starts[i])},
                        {"tickets", trend.tickets[i]},
                        {"spike", static_cast<bool>(trend.spikes[i])}});
    }
    items.push_back({{"category", trend.category}, {"weeks", std::move(series)}});
  }
  return json_body(200, {{"weeks", *weeks}, {"baseline_weeks", k_spike_baseline_weeks}, {"items", std::move(items)}});
}

HttpResponse get_taxonomy_review(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  if (auto none = expect_no_params(*params, "taxonomy review"); !none) return problem_response(none.error());
  auto rows = services.taxonomy.review(request.caller());
  if (!rows) return problem_response(rows.error());
  auto items = nlohmann::json::array();
  for (const auto& row : *rows) {
    items.push_back({{"type", row.type},
                     {"name", row.name},
                     {"deprecated", row.deprecated},
                     {"replaced_by", row.replaced_by ? nlohmann::json(*row.replaced_by) : nlohmann::json(nullptr)},
                     {"tickets_last_quarter", row.tickets_last_quarter},
                     {"open_tickets", row.open_tickets},
                     {"flagged_for_deprecation", row.flagged_for_deprecation}});
  }
  return json_body(200, {{"quarter_days", k_taxonomy_review_period.count()}, {"items", std::move(items)}});
}

HttpResponse get_adoption_report(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto weeks = parse_weeks(*params, "adoption report", k_default_adoption_weeks, k_max_adoption_weeks);
  if (!weeks) return problem_response(weeks.error());
  auto report = services.adoption_report.report(request.caller(), *weeks);
  if (!report) return problem_response(report.error());
  auto starts = nlohmann::json::array();
  for (const Timestamp start : report->week_starts) starts.push_back(format_rfc3339(start));
  auto teams = nlohmann::json::array();
  for (const auto& team : report->adoption.teams) {
    teams.push_back({{"team", team.team},
                     {"members", team.members},
                     {"tickets", team.tickets},
                     {"per_member_per_week", team.per_member_per_week},
                     {"needs_training", team.needs_training}});
  }
  auto people = nlohmann::json::array();
  for (const auto& person : report->adoption.people) {
    people.push_back({{"person", person.person}, {"team", person.team}, {"weekly", person.weekly}, {"tickets", person.tickets}});
  }
  return json_body(200, {{"weeks", std::move(starts)},
                         {"median_per_member_per_week", report->adoption.median_per_member_per_week},
                         {"teams", std::move(teams)},
                         {"people", std::move(people)}});
}

nlohmann::json encode_tally(const WithdrawalTally& tally) {
  const auto rate = tally.rate();
  return {{"candidates", tally.candidates},
          {"withdrawn", tally.withdrawn},
          {"rate", rate ? nlohmann::json(*rate) : nlohmann::json(nullptr)}};
}

HttpResponse get_abandonment_report(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto parsed = parse_abandonment_report_request(*params);
  if (!parsed) return problem_response(parsed.error());
  auto report = services.abandonment_report.report(request.caller(), *parsed);
  if (!report) return problem_response(report.error());
  auto items = nlohmann::json::array();
  for (const auto& row : report->types) {
    nlohmann::json interval = nullptr;
    if (row.difference_interval) interval = {row.difference_interval->low, row.difference_interval->high};
    items.push_back({{"type", row.type},
                     {"with_type", encode_tally(row.with_type)},
                     {"without_type", encode_tally(row.without_type)},
                     {"difference", optional_number(row.difference)},
                     {"difference_ci95", std::move(interval)},
                     {"significant", row.significant}});
  }
  const auto time_or_null = [](const std::optional<Timestamp>& at) {
    return at ? nlohmann::json(format_rfc3339(*at)) : nlohmann::json(nullptr);
  };
  return json_body(200, {{"from", time_or_null(parsed->from)},
                         {"to", time_or_null(parsed->to)},
                         {"candidates", encode_tally(report->all)},
                         {"items", std::move(items)}});
}

}  // namespace

constexpr auto k_default_period = std::chrono::hours(24 * 30);

namespace {

// The parameters of a grouped report: `by`, which `read_by` takes (false for a value it does not
// know; `by_values` says which it knows; no `by` at all when `read_by` is empty), and `from` and
// `to`. validation_failed naming each bad parameter of `report`.
Result<void> parse_report_params(const QueryParams& params, std::string_view report, std::string_view by_values,
                                 const std::function<bool(std::string_view)>& read_by, std::optional<Timestamp>& from,
                                 std::optional<Timestamp>& to) {
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (name == "by" && read_by) {
      if (!read_by(value)) errors.push_back({"by", "must be " + std::string(by_values)});
    } else if (name == "from" || name == "to") {
      const auto at = parse_rfc3339(value);
      if (!at) errors.push_back({name, "must be an RFC 3339 time"});
      (name == "from" ? from : to) = at;
    } else {
      errors.push_back(
          {name, "is not a parameter of the " + std::string(report) + (read_by ? " (by, from, to)" : " (from, to)")});
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return {};
}

// Stores what `parse` makes of a `by` value in `target`; false when it makes nothing.
template <class Value, class Parse>
std::function<bool(std::string_view)> read_into(Value& target, Parse parse) {
  return [&target, parse](std::string_view text) {
    const auto parsed = parse(text);
    if (parsed) target = *parsed;
    return parsed.has_value();
  };
}

}  // namespace

// by (team, type, severity; team), from (30 days before `to`), to (now, inclusive).
Result<SlaReportRequest> parse_sla_report_request(const QueryParams& params, Timestamp now) {
  SlaReportRequest request;
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
  auto parsed = parse_report_params(params, "SLA report", "team, type or severity",
                                    read_into(request.grouping, parse_sla_grouping), from, to);
  if (!parsed) return tl::unexpected(std::move(parsed.error()));
  // `to` is exclusive and times are in milliseconds: the default ends just after `now`, so that
  // a ticket created in the request's own millisecond is counted.
  request.to = to.value_or(now + std::chrono::milliseconds(1));
  request.from = from.value_or(request.to - k_default_period);
  return request;
}

Result<ParetoReportRequest> parse_pareto_report_request(const QueryParams& params) {
  ParetoReportRequest request;
  auto parsed = parse_report_params(params, "Pareto report", "count or delay",
                                    read_into(request.measure, parse_pareto_measure), request.from, request.to);
  if (!parsed) return tl::unexpected(std::move(parsed.error()));
  return request;
}

Result<VolumeReportRequest> parse_volume_report_request(const QueryParams& params) {
  VolumeReportRequest request;
  auto parsed = parse_report_params(params, "volume report", "team, type, severity or assignee",
                                    read_into(request.grouping, parse_volume_grouping), request.from, request.to);
  if (!parsed) return tl::unexpected(std::move(parsed.error()));
  return request;
}

Result<AbandonmentReportRequest> parse_abandonment_report_request(const QueryParams& params) {
  AbandonmentReportRequest request;
  auto parsed = parse_report_params(params, "abandonment report", "", nullptr, request.from, request.to);
  if (!parsed) return tl::unexpected(std::move(parsed.error()));
  if (request.from && request.to && *request.to <= *request.from) {
    return fail_validation({{"to", "must be after from"}});
  }
  return request;
}

Result<ChangeReportPeriod> parse_change_report_request(const QueryParams& params, Timestamp now) {
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
  auto parsed = parse_report_params(params, "change report", "", nullptr, from, to);
  if (!parsed) return tl::unexpected(std::move(parsed.error()));
  ChangeReportPeriod period;
  period.to = to.value_or(now);
  period.from = from.value_or(period.to - k_default_change_period);
  return period;
}

Result<std::size_t> parse_weeks(const QueryParams& params, std::string_view report, std::size_t default_weeks,
                                std::size_t max_weeks) {
  std::size_t weeks = default_weeks;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (name != "weeks") {
      errors.push_back({name, "is not a parameter of the " + std::string(report) + " (weeks)"});
      continue;
    }
    const auto number = parse_positive(value);
    if (!number || *number > static_cast<std::int64_t>(max_weeks)) {
      errors.push_back({"weeks", "must be a whole number from 1 to " + std::to_string(max_weeks)});
      continue;
    }
    weeks = static_cast<std::size_t>(*number);
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return weeks;
}

Result<void> expect_no_params(const QueryParams& params, std::string_view report) {
  if (params.empty()) return {};
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) errors.push_back({name, "the " + std::string(report) + " takes no parameters"});
  return fail_validation(std::move(errors));
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
  routes.push_back({HttpMethod::get,
                    "/api/v1/reports/volume",
                    "getVolumeReport",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Open and resolved tickets, mean and median hours to resolution, and the open tickets' "
                                "age in days (0-2, 3-7, 8-14, 15-30, >30) per team, issue type, severity or assignee "
                                "(reports:read; only tickets the caller may see)",
                     .tag = "reports",
                     .query_params = {"by", "from", "to"},
                     .response_schema = "VolumeReport",
                     .problem_statuses = {401, 403, 422}},
                    [&services](HttpRequest& request) { return get_volume_report(services, request); }});
  routes.push_back({HttpMethod::get,
                    "/api/v1/reports/trends",
                    "getTrendReport",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "Tickets opened per week (Monday to Monday, UTC) and issue category over the last weeks, "
                                "each week flagged when it spikes above the four weeks before it (reports:read; only "
                                "tickets the caller may see)",
                     .tag = "reports",
                     .query_params = {"weeks"},
                     .response_schema = "TrendReport",
                     .problem_statuses = {401, 403, 422}},
                    [&services](HttpRequest& request) { return get_trend_report(services, request); }});
  routes.push_back({HttpMethod::get,
                    "/api/v1/reports/adoption",
                    "getAdoptionReport",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "Tickets opened per person and week (Monday to Monday, UTC), per team, with the teams "
                                "below half the teams' median rate flagged as needing training (reports:read; only "
                                "tickets the caller may see)",
                     .tag = "reports",
                     .query_params = {"weeks"},
                     .response_schema = "AdoptionReport",
                     .problem_statuses = {401, 403, 422}},
                    [&services](HttpRequest& request) { return get_adoption_report(services, request); }});
  routes.push_back({HttpMethod::get,
                    "/api/v1/reports/taxonomy",
                    "getTaxonomyReview",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "Each issue type's tickets in the last quarter and open now, the unused ones flagged for "
                                "deprecation (reports:read; counts every ticket)",
                     .tag = "reports",
                     .response_schema = "TaxonomyReview",
                     .problem_statuses = {401, 403, 422}},
                    [&services](HttpRequest& request) { return get_taxonomy_review(services, request); }});
  routes.push_back({HttpMethod::get,
                    "/api/v1/reports/abandonment",
                    "getAbandonmentReport",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "Per issue type, the withdrawal rate of the candidates who had a ticket of the type "
                                "against those who had none, with the difference's 95% confidence interval, over the "
                                "candidates that entered Snag in the period (reports:read; per type, only tickets the "
                                "caller may see)",
                     .tag = "reports",
                     .query_params = {"from", "to"},
                     .response_schema = "AbandonmentReport",
                     .problem_statuses = {401, 403, 422}},
                    [&services](HttpRequest& request) { return get_abandonment_report(services, request); }});
  return routes;
}

}  // namespace snag::http
