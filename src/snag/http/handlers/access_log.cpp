// GET /api/v1/access-log: who viewed, changed or exported which record (compliance).

#include <snag/app/access/access_log_reader.hpp>
#include <snag/http/handlers/access_log_query.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {
namespace {

nlohmann::json encode_entry(const AccessEntry& entry) {
  return {{"seq", entry.seq},
          {"at", format_rfc3339(entry.at)},
          {"actor", entry.actor},
          {"credential", entry.credential},
          {"action", to_string(entry.action)},
          {"object", entry.object},
          {"ticket", entry.ticket ? nlohmann::json(ticket_key(*entry.ticket)) : nlohmann::json(nullptr)},
          {"candidate", entry.candidate ? nlohmann::json(to_string(*entry.candidate)) : nlohmann::json(nullptr)},
          {"address", entry.address},
          {"hash", entry.hash}};
}

HttpResponse get_access_log(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto query = parse_access_log_query(*params);
  if (!query) return problem_response(query.error());
  auto page = read_access_log(services.store, services.access, request.caller(), *query);
  if (!page) return problem_response(page.error());
  auto items = nlohmann::json::array();
  for (const auto& entry : page->items) items.push_back(encode_entry(entry));
  return json_body(200, {{"items", std::move(items)},
                         {"next_cursor", page->next_before_seq ? nlohmann::json(std::to_string(*page->next_before_seq))
                                                               : nlohmann::json(nullptr)}});
}

}  // namespace

// Filters as API.md names them; every problem is named in the 422.
Result<AccessLogQuery> parse_access_log_query(const QueryParams& params) {
  AccessLogQuery query;
  query.limit = k_default_access_log_page;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (name == "actor") {
      query.actor = value;
    } else if (name == "action") {
      query.action = parse_access_action(value);
      if (!query.action) errors.push_back({"action", "must be view, edit or export"});
    } else if (name == "ticket") {
      query.ticket = parse_ticket_key(value);
      if (!query.ticket) errors.push_back({"ticket", "must be a ticket key such as SNAG-42"});
    } else if (name == "candidate") {
      query.candidate = parse_candidate_ref(value);
      if (!query.candidate) errors.push_back({"candidate", "must be ats:external_id"});
    } else if (name == "since") {
      query.since = parse_rfc3339(value);
      if (!query.since) errors.push_back({"since", "must be an RFC 3339 time"});
    } else if (name == "limit") {
      const auto limit = parse_positive(value);
      if (!limit || *limit > k_max_access_log_page) {
        errors.push_back({"limit", "must be 1 to " + std::to_string(k_max_access_log_page)});
      } else {
        query.limit = static_cast<int>(*limit);
      }
    } else if (name == "cursor") {
      query.before_seq = parse_positive(value);
      if (!query.before_seq) errors.push_back({"cursor", "is not a cursor of this list"});
    } else {
      errors.push_back({name, "is not a filter of the access log"});
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return query;
}

std::vector<RouteInfo> access_log_routes(const HttpServices& services) {
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get, "/api/v1/access-log", "listAccessLog", Access::bearer, Execution::inline_io,
                    {.summary = "Who viewed, changed or exported which record, newest first (access_log:read)",
                     .tag = "compliance",
                     .query_params = {"actor", "action", "ticket", "candidate", "since", "limit", "cursor"},
                     .response_schema = "AccessLogPage",
                     .problem_statuses = {400, 403, 422}},
                    [&services](HttpRequest& request) { return get_access_log(services, request); }});
  return routes;
}

}  // namespace snag::http
