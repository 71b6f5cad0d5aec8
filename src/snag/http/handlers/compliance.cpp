// /api/v1/erasure-requests (GDPR/CCPA erasure, carried out by a job) and /api/v1/legal-holds
// (which make erasure wait), both compliance:admin.

#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/codec/optional_json.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {
namespace {

nlohmann::json candidate_json(const CandidateRef& ref) { return {{"ats", ref.ats}, {"external_id", ref.external_id}}; }

nlohmann::json encode_erasure(const ErasureRequest& request) {
  auto held_by = nlohmann::json::array();
  for (const LegalHoldId id : request.held_by) held_by.push_back(id.value);
  nlohmann::json erased = nullptr;
  if (request.status == ErasureStatus::completed) {
    auto tickets = nlohmann::json::array();
    for (const TicketId id : request.report.tickets) tickets.push_back(ticket_key(id));
    erased = {{"candidate_profile", request.report.candidate_found},
              {"tickets", std::move(tickets)},
              {"comments", request.report.comments},
              {"journal_entries", request.report.journal_entries},
              {"notifications", request.report.notifications},
              {"deliveries", request.report.deliveries},
              {"incidents", request.report.incidents},
              {"changes", request.report.changes}};
  }
  return {{"id", request.id.value},
          {"status", to_string(request.status)},
          {"candidate", candidate_json(request.candidate)},
          {"source", request.source},
          {"requested_by", request.requested_by},
          {"requested_at", format_rfc3339(request.requested_at)},
          {"held_by", std::move(held_by)},
          {"completed_at", optional_time(request.completed_at)},
          {"erased", std::move(erased)}};
}

nlohmann::json encode_hold(const LegalHold& hold) {
  return {{"id", hold.id.value},
          {"candidate", hold.candidate ? candidate_json(*hold.candidate) : nlohmann::json(nullptr)},
          {"ticket", hold.ticket ? nlohmann::json(ticket_key(*hold.ticket)) : nlohmann::json(nullptr)},
          {"reason", hold.reason},
          {"placed_by", hold.placed_by},
          {"placed_at", format_rfc3339(hold.placed_at)},
          {"released_at", optional_time(hold.released_at)},
          {"released_by", optional_text(hold.released_by)},
          {"active", hold_active(hold)}};
}

// {"candidate": {"ats", "external_id"}}
HttpResponse request_erasure(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  std::vector<FieldError> errors;
  FieldReader reader(*body, "", errors);
  std::optional<CandidateRef> candidate;
  if (const auto* value = reader.find("candidate")) {
    candidate = decode_candidate_ref(*value, "candidate", errors);
  } else {
    errors.push_back({"candidate", "is required: {\"ats\", \"external_id\"}"});
  }
  reader.reject_unknown();
  if (!errors.empty() || !candidate) return problem_response(fail_validation(std::move(errors)).value());
  auto filed = services.erasures.request(request.caller(), *candidate);
  if (!filed) return problem_response(filed.error());
  auto response = json_body(202, encode_erasure(*filed));
  response.headers.emplace_back("Location", "/api/v1/erasure-requests/" + std::to_string(filed->id.value));
  return response;
}

HttpResponse get_erasure(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<ErasureRequestId>(request, "erasure request");
  if (!id) return problem_response(id.error());
  auto found = services.erasures.get(request.caller(), *id);
  if (!found) return problem_response(found.error());
  return json_body(200, encode_erasure(*found));
}

HttpResponse list_erasures(const HttpServices& services, HttpRequest& request) {
  auto requests = services.erasures.list(request.caller());
  if (!requests) return problem_response(requests.error());
  auto items = nlohmann::json::array();
  for (const auto& filed : *requests) items.push_back(encode_erasure(filed));
  return json_body(200, {{"items", std::move(items)}});
}

// {"candidate": {…}} or {"ticket": "SNAG-42"}, and "reason".
HttpResponse place_hold(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  std::vector<FieldError> errors;
  FieldReader reader(*body, "", errors);
  LegalHold hold;
  if (const auto* value = reader.find("candidate"); value != nullptr && !value->is_null()) {
    hold.candidate = decode_candidate_ref(*value, "candidate", errors);
  }
  if (const auto* value = reader.find("ticket"); value != nullptr && !value->is_null()) {
    if (auto key = decode_string(*value, "ticket", errors)) {
      hold.ticket = parse_ticket_key(*key);
      if (!hold.ticket) errors.push_back({"ticket", "must be a ticket key such as SNAG-42"});
    }
  }
  if (auto reason = reader.required_string("reason")) hold.reason = std::move(*reason);
  reader.reject_unknown({"id", "placed_by", "placed_at", "released_at", "released_by", "active"});
  if (!errors.empty()) return problem_response(fail_validation(std::move(errors)).value());
  auto placed = services.legal_holds.place(request.caller(), std::move(hold));
  if (!placed) return problem_response(placed.error());
  auto response = json_body(201, encode_hold(*placed));
  response.headers.emplace_back("Location", "/api/v1/legal-holds/" + std::to_string(placed->id.value));
  return response;
}

HttpResponse get_hold(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<LegalHoldId>(request, "legal hold");
  if (!id) return problem_response(id.error());
  auto found = services.legal_holds.get(request.caller(), *id);
  if (!found) return problem_response(found.error());
  return json_body(200, encode_hold(*found));
}

HttpResponse list_holds(const HttpServices& services, HttpRequest& request) {
  auto holds = services.legal_holds.list(request.caller());
  if (!holds) return problem_response(holds.error());
  auto items = nlohmann::json::array();
  for (const auto& hold : *holds) items.push_back(encode_hold(hold));
  return json_body(200, {{"items", std::move(items)}});
}

HttpResponse release_hold(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<LegalHoldId>(request, "legal hold");
  if (!id) return problem_response(id.error());
  auto released = services.legal_holds.release(request.caller(), *id);
  if (!released) return problem_response(released.error());
  return json_body(200, encode_hold(*released));
}

}  // namespace

std::vector<RouteInfo> compliance_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::post,
                    "/api/v1/erasure-requests",
                    "requestErasure",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Erase a candidate's personal data from every ticket, comment, journal entry and "
                                "notification (GDPR Art. 17, CCPA); carried out in the background (compliance:admin)",
                     .tag = "compliance",
                     .request_schema = "NewErasureRequest",
                     .success_status = 202,
                     .response_schema = "ErasureRequest",
                     .problem_statuses = {400, 403, 413, 415, 422}},
                    bind(request_erasure)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/erasure-requests",
                    "listErasureRequests",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "Erasure requests, newest first (compliance:admin)",
                     .tag = "compliance",
                     .response_schema = "ErasureRequestList",
                     .problem_statuses = {403}},
                    bind(list_erasures)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/erasure-requests/{id}",
                    "getErasureRequest",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "An erasure request: pending, held (by which legal holds) or completed with what "
                                "was erased (compliance:admin)",
                     .tag = "compliance",
                     .response_schema = "ErasureRequest",
                     .problem_statuses = {403, 404}},
                    bind(get_erasure)});
  routes.push_back({HttpMethod::post,
                    "/api/v1/legal-holds",
                    "placeLegalHold",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Keep a candidate's records, or one ticket, as they are: retention and erasure wait "
                                "(compliance:admin)",
                     .tag = "compliance",
                     .request_schema = "NewLegalHold",
                     .success_status = 201,
                     .response_schema = "LegalHold",
                     .problem_statuses = {400, 403, 413, 415, 422}},
                    bind(place_hold)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/legal-holds",
                    "listLegalHolds",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "Legal holds, newest first (compliance:admin)",
                     .tag = "compliance",
                     .response_schema = "LegalHoldList",
                     .problem_statuses = {403}},
                    bind(list_holds)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/legal-holds/{id}",
                    "getLegalHold",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "A legal hold (compliance:admin)",
                     .tag = "compliance",
                     .response_schema = "LegalHold",
                     .problem_statuses = {403, 404}},
                    bind(get_hold)});
  routes.push_back({HttpMethod::post,
                    "/api/v1/legal-holds/{id}/release",
                    "releaseLegalHold",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Release a hold; erasure requests it held complete unless another hold covers them "
                                "(compliance:admin)",
                     .tag = "compliance",
                     .response_schema = "LegalHold",
                     .problem_statuses = {403, 404, 409}},
                    bind(release_hold)});
  return routes;
}

}  // namespace snag::http
