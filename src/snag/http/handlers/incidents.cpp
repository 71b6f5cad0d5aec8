// /api/v1/incidents (incidents, their log, tickets and post-mortems), /api/v1/severity-protocols,
// /api/v1/changes (change records and what they caused) and /api/v1/reports/changes (defects
// per change): incidents:read to read, incidents:write to change.

#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/incident_json.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/handlers/report_query.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {
namespace {

inline constexpr std::size_t k_max_incident_page = 200;
inline constexpr std::size_t k_max_change_list = 500;

Timestamp now_of(const HttpServices& services) { return services.access_recorder.clock().now(); }

HttpResponse incident_response(const HttpServices& services, const Result<IncidentView>& view, unsigned status = 200) {
  if (!view) return problem_response(view.error());
  return json_body(status, encode_incident(*view, now_of(services)));
}

// What every change to one incident starts from: its id in the path and the JSON object sent.
struct IncidentRequest {
  IncidentId id;
  nlohmann::json body;
};

tl::expected<IncidentRequest, HttpResponse> read_incident_request(HttpRequest& request) {
  auto id = id_from_path<IncidentId>(request, "incident");
  if (!id) return tl::unexpected(problem_response(id.error()));
  auto body = read_json_object(request);
  if (!body) return tl::unexpected(std::move(body.error()));
  return IncidentRequest{*id, std::move(*body)};
}

Result<IncidentQuery> parse_incident_query(const QueryParams& params) {
  IncidentQuery query;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (name == "status") {
      query.status = parse_incident_status(value);
      if (!query.status) errors.push_back({"status", "must be open, resolved or closed"});
    } else if (name == "limit") {
      const auto limit = parse_positive(value);
      if (!limit || *limit > static_cast<std::int64_t>(k_max_incident_page)) {
        errors.push_back({"limit", "must be 1 to " + std::to_string(k_max_incident_page)});
      } else {
        query.limit = static_cast<std::size_t>(*limit);
      }
    } else if (name == "cursor") {
      const auto before = parse_positive(value);
      if (!before) errors.push_back({"cursor", "is not a cursor of this list"});
      if (before) query.before = IncidentId{*before};
    } else {
      errors.push_back({name, "is not a filter of incidents (status, limit, cursor)"});
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return query;
}

HttpResponse declare_incident(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto decoded = decode_new_incident(*body);
  if (!decoded) return problem_response(decoded.error());
  auto declared = services.incidents.declare(request.caller(), *decoded);
  auto response = incident_response(services, declared, 201);
  if (declared)
    response.headers.emplace_back("Location", "/api/v1/incidents/" + std::to_string(declared->incident.id.value));
  return response;
}

HttpResponse list_incidents(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto query = parse_incident_query(*params);
  if (!query) return problem_response(query.error());
  auto page = services.incidents.list(request.caller(), *query);
  if (!page) return problem_response(page.error());
  auto items = nlohmann::json::array();
  for (const auto& incident : page->items) items.push_back(encode_incident_summary(incident));
  return json_body(
      200, {{"items", std::move(items)},
            {"next_cursor", page->next ? nlohmann::json(std::to_string(page->next->value)) : nlohmann::json(nullptr)}});
}

HttpResponse get_incident(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<IncidentId>(request, "incident");
  if (!id) return problem_response(id.error());
  return incident_response(services, services.incidents.get(request.caller(), *id));
}

HttpResponse edit_incident(const HttpServices& services, HttpRequest& request) {
  auto read = read_incident_request(request);
  if (!read) return std::move(read.error());
  auto edit = decode_incident_edit(read->body);
  if (!edit) return problem_response(edit.error());
  return incident_response(services, services.incidents.edit(request.caller(), read->id, *edit));
}

// {"message": "…"}
HttpResponse post_update(const HttpServices& services, HttpRequest& request) {
  auto read = read_incident_request(request);
  if (!read) return std::move(read.error());
  std::vector<FieldError> errors;
  FieldReader reader(read->body, "", errors);
  auto message = reader.required_string("message");
  reader.reject_unknown();
  if (!errors.empty()) return problem_response(fail_validation(std::move(errors)).value());
  return incident_response(services, services.incidents.post_update(request.caller(), read->id, *message), 201);
}

// {"tickets": ["SNAG-1", …]}
HttpResponse link_tickets(const HttpServices& services, HttpRequest& request) {
  auto read = read_incident_request(request);
  if (!read) return std::move(read.error());
  std::vector<FieldError> errors;
  FieldReader reader(read->body, "", errors);
  std::vector<TicketId> tickets;
  if (const auto* listed = reader.find("tickets")) {
    tickets = decode_ticket_keys(*listed, "tickets", errors);
  } else {
    errors.push_back({"tickets", "is required"});
  }
  reader.reject_unknown();
  if (!errors.empty()) return problem_response(fail_validation(std::move(errors)).value());
  return incident_response(services, services.incidents.link_tickets(request.caller(), read->id, tickets));
}

HttpResponse unlink_ticket(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<IncidentId>(request, "incident");
  if (!id) return problem_response(id.error());
  auto ticket = ticket_id_from_path(request);
  if (!ticket) return problem_response(ticket.error());
  return incident_response(services, services.incidents.unlink_ticket(request.caller(), *id, *ticket));
}

HttpResponse put_postmortem(const HttpServices& services, HttpRequest& request) {
  auto read = read_incident_request(request);
  if (!read) return std::move(read.error());
  auto postmortem = decode_postmortem(read->body);
  if (!postmortem) return problem_response(postmortem.error());
  return incident_response(services,
                           services.incidents.write_postmortem(request.caller(), read->id, std::move(*postmortem)));
}

// {"done": true|false}
HttpResponse mark_action_item(const HttpServices& services, HttpRequest& request) {
  const auto number = parse_positive(request.params.get("number"));
  if (!number) return problem_response(fail(ErrorCode::not_found, "There is no such action item.").value());
  auto read = read_incident_request(request);
  if (!read) return std::move(read.error());
  std::vector<FieldError> errors;
  FieldReader reader(read->body, "", errors);
  std::optional<bool> done;
  if (const auto* value = reader.find("done"); value != nullptr && value->is_boolean()) {
    done = value->get<bool>();
  } else {
    errors.push_back({"done", "is required: true or false"});
  }
  reader.reject_unknown();
  if (!errors.empty()) return problem_response(fail_validation(std::move(errors)).value());
  return incident_response(services, services.incidents.mark_action_item(request.caller(), read->id, *number, *done));
}

HttpResponse list_protocols(const HttpServices& services, HttpRequest& request) {
  auto protocols = services.incidents.protocols(request.caller());
  if (!protocols) return problem_response(protocols.error());
  auto items = nlohmann::json::array();
  for (const auto& protocol : *protocols) items.push_back(encode_protocol(protocol));
  return json_body(200, {{"items", std::move(items)}});
}

HttpResponse record_change(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto decoded = decode_change(*body);
  if (!decoded) return problem_response(decoded.error());
  auto recorded = services.changes.record(request.caller(), std::move(*decoded));
  if (!recorded) return problem_response(recorded.error());
  auto response = json_body(201, encode_change_view({*recorded, {}}));
  response.headers.emplace_back("Location", "/api/v1/changes/" + recorded->id);
  return response;
}

HttpResponse list_changes(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  std::size_t limit = 100;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : *params) {
    const auto parsed = parse_positive(value);
    if (name != "limit") {
      errors.push_back({name, "is not a filter of changes (limit)"});
    } else if (!parsed || *parsed > static_cast<std::int64_t>(k_max_change_list)) {
      errors.push_back({"limit", "must be 1 to " + std::to_string(k_max_change_list)});
    } else {
      limit = static_cast<std::size_t>(*parsed);
    }
  }
  if (!errors.empty()) return problem_response(fail_validation(std::move(errors)).value());
  auto changes = services.changes.list(request.caller(), limit);
  if (!changes) return problem_response(changes.error());
  auto items = nlohmann::json::array();
  for (const auto& change : *changes) items.push_back(encode_change(change));
  return json_body(200, {{"items", std::move(items)}});
}

HttpResponse get_change(const HttpServices& services, HttpRequest& request) {
  auto found = services.changes.get(request.caller(), request.params.get("id"));
  if (!found) return problem_response(found.error());
  return json_body(200, encode_change_view(*found));
}

// {"tickets": ["SNAG-1"], "incidents": [3]}
HttpResponse link_change(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  std::vector<FieldError> errors;
  FieldReader reader(*body, "", errors);
  std::vector<TicketId> tickets;
  std::vector<IncidentId> incidents;
  if (const auto* listed = reader.find("tickets")) tickets = decode_ticket_keys(*listed, "tickets", errors);
  if (const auto* listed = reader.find("incidents")) {
    if (!listed->is_array()) errors.push_back({"incidents", "must be a list of incident ids"});
    for (std::size_t i = 0; listed->is_array() && i < listed->size(); ++i) {
      const auto& item = (*listed)[i];
      if (item.is_number_integer() && item.get<std::int64_t>() > 0) {
        incidents.push_back(IncidentId{item.get<std::int64_t>()});
      } else {
        errors.push_back({"incidents[" + std::to_string(i) + "]", "must be an incident id"});
      }
    }
  }
  reader.reject_unknown();
  if (!errors.empty()) return problem_response(fail_validation(std::move(errors)).value());
  auto linked = services.changes.link(request.caller(), request.params.get("id"), tickets, incidents);
  if (!linked) return problem_response(linked.error());
  return json_body(200, encode_change_view(*linked));
}

// from (90 days before `to`), to (now): the changes deployed then.
HttpResponse change_report(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto period = parse_change_report_request(*params, now_of(services));
  if (!period) return problem_response(period.error());
  auto rows = services.changes.defects(request.caller(), period->from, period->to);
  if (!rows) return problem_response(rows.error());
  auto items = nlohmann::json::array();
  for (const auto& row : *rows) {
    items.push_back({{"change", encode_change(row.change)},
                     {"tickets", row.tickets},
                     {"unresolved_tickets", row.unresolved_tickets},
                     {"incidents", row.incidents},
                     {"defects", row.tickets + row.incidents}});
  }
  return json_body(200, {{"from", format_rfc3339(period->from)}, {"to", format_rfc3339(period->to)},
                         {"items", std::move(items)}});
}

// What a ticket is part of, as its page shows it: the incident it is grouped into and the change
// that caused it, each summarised (masked like the incident and change themselves).
HttpResponse get_ticket_links(const HttpServices& services, HttpRequest& request) {
  auto ticket = ticket_id_from_path(request);
  if (!ticket) return problem_response(ticket.error());
  auto links = services.incidents.links_of_ticket(request.caller(), *ticket);
  if (!links) return problem_response(links.error());
  nlohmann::json body{{"incident", nullptr}, {"change", nullptr}};
  if (links->incident) {
    auto incident = services.incidents.get(request.caller(), *links->incident);
    if (!incident) return problem_response(incident.error());
    body["incident"] = encode_incident_summary(incident->incident);
  }
  if (links->change) {
    auto change = services.changes.get(request.caller(), *links->change);
    if (!change) return problem_response(change.error());
    body["change"] = encode_change(change->change);
  }
  return json_body(200, body);
}

}  // namespace

std::vector<RouteInfo> incident_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  const auto route = [&](HttpMethod method, std::string pattern, std::string operation, Execution execution,
                         RouteDoc doc, HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    doc.tag = "incidents";
    return RouteInfo{method,    std::move(pattern), std::move(operation), Access::bearer,
                     execution, std::move(doc),     bind(handler)};
  };
  const std::vector<unsigned> write_problems{400, 401, 403, 404, 413, 415, 422};
  return {
      route(HttpMethod::post, "/api/v1/incidents", "declareIncident", Execution::blocking,
            {.summary = "Declare an incident of a category, with its severity, commander and first tickets; the "
                        "severity protocol's people are notified (incidents:write)",
             .request_schema = "NewIncident",
             .success_status = 201,
             .response_schema = "Incident",
             .problem_statuses = {400, 401, 403, 413, 415, 422}},
            declare_incident),
      route(HttpMethod::get, "/api/v1/incidents", "listIncidents", Execution::inline_io,
            {.summary = "Incidents, newest first (incidents:read)",
             .query_params = {"status", "limit", "cursor"},
             .response_schema = "IncidentList",
             .problem_statuses = {401, 403, 422}},
            list_incidents),
      route(HttpMethod::get, "/api/v1/tickets/{key}/links", "getTicketLinks", Execution::inline_io,
            {.summary = "The incident a ticket is grouped into and the change that caused it, each or null "
                        "(incidents:read)",
             .response_schema = "TicketLinks",
             .problem_statuses = {401, 403, 404}},
            get_ticket_links),
      route(HttpMethod::get, "/api/v1/incidents/{id}", "getIncident", Execution::inline_io,
            {.summary = "An incident with its tickets, impact, protocol and due times, log and post-mortem "
                        "(incidents:read)",
             .response_schema = "Incident",
             .problem_statuses = {401, 403, 404}},
            get_incident),
      route(HttpMethod::patch, "/api/v1/incidents/{id}", "editIncident", Execution::blocking,
            {.summary = "Change an incident's title, severity, commander, cause or status (open → resolved → "
                        "closed; closing needs the post-mortem its protocol requires) (incidents:write)",
             .request_schema = "IncidentEdit",
             .response_schema = "Incident",
             .problem_statuses = write_problems},
            edit_incident),
      route(HttpMethod::post, "/api/v1/incidents/{id}/updates", "postIncidentUpdate", Execution::blocking,
            {.summary = "Post a status update: the first stops the response clock, each restarts the update "
                        "clock (incidents:write)",
             .request_schema = "IncidentUpdate",
             .success_status = 201,
             .response_schema = "Incident",
             .problem_statuses = {400, 401, 403, 404, 409, 413, 415, 422}},
            post_update),
      route(HttpMethod::post, "/api/v1/incidents/{id}/tickets", "linkIncidentTickets", Execution::blocking,
            {.summary = "Group tickets into the incident (each leaves any other incident), journaled on each "
                        "ticket (incidents:write)",
             .request_schema = "TicketKeys",
             .response_schema = "Incident",
             .problem_statuses = write_problems},
            link_tickets),
      route(HttpMethod::delete_, "/api/v1/incidents/{id}/tickets/{key}", "unlinkIncidentTicket", Execution::blocking,
            {.summary = "Take a ticket out of the incident (incidents:write)",
             .response_schema = "Incident",
             .problem_statuses = {401, 403, 404}},
            unlink_ticket),
      route(HttpMethod::put, "/api/v1/incidents/{id}/postmortem", "writePostmortem", Execution::blocking,
            {.summary = "Write or rewrite the post-mortem: timeline, impact, root cause, contributing factors and "
                        "action items with owner and due time (incidents:write)",
             .request_schema = "Postmortem",
             .response_schema = "Incident",
             .problem_statuses = write_problems},
            put_postmortem),
      route(HttpMethod::patch, "/api/v1/incidents/{id}/action-items/{number}", "markActionItem", Execution::blocking,
            {.summary = "Mark a post-mortem action item done or not done (its owner, or incidents:write)",
             .request_schema = "ActionItemMark",
             .response_schema = "Incident",
             .problem_statuses = write_problems},
            mark_action_item),
      route(HttpMethod::get, "/api/v1/severity-protocols", "listSeverityProtocols", Execution::inline_io,
            {.summary = "What each incident severity obliges: response target, update interval, who is notified, "
                        "whether a post-mortem is required (incidents:read)",
             .response_schema = "SeverityProtocolList",
             .problem_statuses = {401, 403}},
            list_protocols),
      route(HttpMethod::post, "/api/v1/changes", "recordChange", Execution::blocking,
            {.summary = "Record an ATS configuration change (incidents:write)",
             .request_schema = "NewChange",
             .success_status = 201,
             .response_schema = "Change",
             .problem_statuses = {400, 401, 403, 409, 413, 415, 422}},
            record_change),
      route(HttpMethod::get, "/api/v1/changes", "listChanges", Execution::inline_io,
            {.summary = "Change records, the most recently deployed first (incidents:read)",
             .query_params = {"limit"},
             .response_schema = "ChangeList",
             .problem_statuses = {401, 403, 422}},
            list_changes),
      route(HttpMethod::get, "/api/v1/changes/{id}", "getChange", Execution::inline_io,
            {.summary = "A change record with the tickets and incidents it caused (incidents:read)",
             .response_schema = "Change",
             .problem_statuses = {401, 403, 404}},
            get_change),
      route(HttpMethod::post, "/api/v1/changes/{id}/links", "linkChange", Execution::blocking,
            {.summary = "Record that the change caused tickets (journaled on each) and incidents (incidents:write)",
             .request_schema = "ChangeLinks",
             .response_schema = "Change",
             .problem_statuses = write_problems},
            link_change),
      route(HttpMethod::get, "/api/v1/reports/changes", "getChangeReport", Execution::inline_io,
            {.summary = "Defects introduced per change deployed in a period: the tickets and incidents each caused, "
                        "most first (incidents:read)",
             .query_params = {"from", "to"},
             .response_schema = "ChangeReport",
             .problem_statuses = {401, 403, 422}},
            change_report),
  };
}

}  // namespace snag::http
