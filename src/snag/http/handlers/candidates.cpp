// /api/v1/candidates/{ats}/{external_id} and the candidate's tickets.

#include <snag/domain/ticket_query.hpp>
#include <snag/http/codec/candidate_json.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/codec/ticket_json.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {
namespace {

CandidateRef ref_from_path(const HttpRequest& request) {
  return CandidateRef{request.params.get("ats"), request.params.get("external_id")};
}

HttpResponse put_candidate(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto profile = decode_candidate_profile(*body);
  if (!profile) return problem_response(profile.error());
  auto upserted = services.candidates.upsert(request.caller(), ref_from_path(request), *profile);
  if (!upserted) return problem_response(upserted.error());
  auto response = json_body(upserted->created ? 201 : 200, encode_candidate(upserted->candidate));
  if (upserted->created) response.with_header("Location", std::string(request.path));
  return response;
}

HttpResponse get_candidate(const HttpServices& services, HttpRequest& request) {
  auto candidate = services.candidates.get(request.caller(), ref_from_path(request));
  if (!candidate) return problem_response(candidate.error());
  return json_body(200, encode_candidate(*candidate));
}

HttpResponse candidate_tickets(const HttpServices& services, HttpRequest& request) {
  const auto ref = ref_from_path(request);
  auto candidate = services.candidates.get(request.caller(), ref);
  if (!candidate) return problem_response(candidate.error());
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  // The path names the candidate; a candidate filter in the query would contradict it.
  if (params->contains("candidate")) {
    return problem_response(fail_validation({{"candidate", "is given by the path"}}).value());
  }
  auto query = parse_ticket_query(*params, services.catalog);
  if (!query) return problem_response(query.error());
  query->candidates = {ref};
  auto page = services.tickets.list(request.caller(), *query);
  if (!page) return problem_response(page.error());
  return json_response(200, ticket_page_json(*page, services.tickets.now()));
}

}  // namespace

std::vector<RouteInfo> candidate_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::put, "/api/v1/candidates/{ats}/{external_id}", "putCandidate", Access::bearer,
                    Execution::blocking,
                    {.summary = "Create or replace a candidate's profile (201 created, 200 replaced)",
                     .tag = "candidates",
                     .request_schema = "CandidateProfile",
                     .response_schema = "Candidate",
                     .problem_statuses = {400, 403, 413, 415, 422}},
                    bind(put_candidate)});
  routes.push_back({HttpMethod::get, "/api/v1/candidates/{ats}/{external_id}", "getCandidate", Access::bearer,
                    Execution::inline_io,
                    {.summary = "Show a candidate",
                     .tag = "candidates",
                     .response_schema = "Candidate",
                     .problem_statuses = {403, 404}},
                    bind(get_candidate)});
  routes.push_back({HttpMethod::get, "/api/v1/candidates/{ats}/{external_id}/tickets", "listCandidateTickets",
                    Access::bearer, Execution::inline_io,
                    {.summary = "A candidate's tickets, with the ticket list's filters",
                     .tag = "candidates",
                     .query_params = {"status", "severity", "type", "team", "assignee", "q", "sort", "limit", "cursor",
                                      "created_after", "created_before"},
                     .response_schema = "TicketPage",
                     .problem_statuses = {400, 403, 404, 422}},
                    bind(candidate_tickets)});
  return routes;
}

}  // namespace snag::http
