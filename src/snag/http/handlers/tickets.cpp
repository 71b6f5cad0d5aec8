// /api/v1/tickets and everything under it.

#include <snag/domain/ticket_query.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/codec/ticket_json.hpp>
#include <snag/http/handlers/deferred_reply.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>
#include <snag/util/crypto.hpp>

namespace snag::http {
namespace {

constexpr std::size_t k_max_idempotency_key_length = 255;

const std::vector<std::string_view> k_list_params{"status",        "severity",       "type", "team", "assignee",
                                                  "candidate",     "q",              "sort", "limit", "cursor",
                                                  "created_after", "created_before"};

HttpResponse ticket_response(const HttpServices& services, unsigned status, const Ticket& ticket) {
  std::string body;
  body.reserve(1024);
  append_ticket_json(body, ticket, services.tickets.now());
  auto response = json_response(status, std::move(body));
  response.with_header("ETag", etag_for(ticket.version));
  return response;
}

void create_ticket(const HttpServices& services, HttpRequest& request, const Reply& reply) {
  const auto answer = [&reply](HttpResponse response) { reply([response = std::move(response)] { return response; }); };
  auto body = read_json_object(request);
  if (!body) return answer(std::move(body.error()));
  auto draft = decode_ticket_draft(*body);
  if (!draft) return answer(problem_response(draft.error()));
  std::optional<IdempotencyKey> idempotency;
  if (!request.idempotency_key.empty()) {
    if (request.idempotency_key.size() > k_max_idempotency_key_length) {
      return answer(problem_response(400, "The Idempotency-Key header is longer than 255 characters."));
    }
    idempotency = IdempotencyKey{std::string(request.idempotency_key), sha256_hex(request.body)};
  }
  reply_after_commit(services.store, services.tickets.prepare_create(request.caller(), *draft, idempotency), reply,
                     [&services](Result<CreatedTicket> created) {
                       if (!created) return problem_response(created.error());
                       auto response = ticket_response(services, 201, created->ticket);
                       response.with_header("Location", "/api/v1/tickets/" + ticket_key(created->ticket.id));
                       if (created->replayed) response.with_header("Idempotent-Replayed", "true");
                       return response;
                     });
}

HttpResponse get_ticket(const HttpServices& services, HttpRequest& request) {
  auto id = ticket_id_from_path(request);
  if (!id) return problem_response(id.error());
  auto ticket = services.tickets.get(request.caller(), *id);
  if (!ticket) return problem_response(ticket.error());
  return ticket_response(services, 200, *ticket);
}

HttpResponse edit_ticket(const HttpServices& services, HttpRequest& request) {
  auto id = ticket_id_from_path(request);
  if (!id) return problem_response(id.error());
  if (request.if_match.empty()) {
    return problem_response(428, "PATCH needs an If-Match header with the ticket's ETag.");
  }
  const auto if_match = parse_if_match(request.if_match);
  if (!if_match) return problem_response(400, "The If-Match header is not an ETag such as \"3\".");
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto edit = decode_ticket_edit(*body);
  if (!edit) return problem_response(edit.error());
  std::int64_t expected = if_match->version;
  if (if_match->any) {
    // "*" asks only that the ticket exists, so the current version is the expected one.
    auto current = services.tickets.get(request.caller(), *id);
    if (!current) return problem_response(current.error());
    expected = current->version;
  }
  auto ticket = services.tickets.edit(request.caller(), *id, *edit, expected);
  if (!ticket) return problem_response(ticket.error());
  return ticket_response(services, 200, *ticket);
}

HttpResponse list_tickets(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto query = parse_ticket_query(*params, services.catalog);
  if (!query) return problem_response(query.error());
  auto page = services.tickets.list(request.caller(), *query);
  if (!page) return problem_response(page.error());
  return json_response(200, ticket_page_json(*page, services.tickets.now()));
}

HttpResponse allowed_transitions(const HttpServices& services, HttpRequest& request) {
  auto id = ticket_id_from_path(request);
  if (!id) return problem_response(id.error());
  auto allowed = services.tickets.allowed_transitions(request.caller(), *id);
  if (!allowed) return problem_response(allowed.error());
  return json_body(200, {{"allowed", *allowed}});
}

HttpResponse transition_ticket(const HttpServices& services, HttpRequest& request) {
  auto id = ticket_id_from_path(request);
  if (!id) return problem_response(id.error());
  const auto expected = optional_if_match(request);
  if (!expected) return expected.error();
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto transition = decode_transition_request(*body);
  if (!transition) return problem_response(transition.error());
  auto ticket = services.tickets.transition(request.caller(), *id, transition->to, transition->comment, *expected);
  if (!ticket) return problem_response(ticket.error());
  return ticket_response(services, 200, *ticket);
}

HttpResponse add_comment(const HttpServices& services, HttpRequest& request) {
  auto id = ticket_id_from_path(request);
  if (!id) return problem_response(id.error());
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto text = decode_comment_request(*body);
  if (!text) return problem_response(text.error());
  auto comment = services.tickets.add_comment(request.caller(), *id, *text);
  if (!comment) return problem_response(comment.error());
  return json_body(201, encode_comment(*comment));
}

HttpResponse ticket_history(const HttpServices& services, HttpRequest& request) {
  auto id = ticket_id_from_path(request);
  if (!id) return problem_response(id.error());
  auto history = services.tickets.history(request.caller(), *id);
  if (!history) return problem_response(history.error());
  return json_body(200, encode_history(*history));
}

HttpResponse bulk_change(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  auto bulk = decode_bulk_request(*body);
  if (!bulk) return problem_response(bulk.error());
  auto outcomes = services.tickets.bulk(request.caller(), *bulk);
  if (!outcomes) return problem_response(outcomes.error());
  auto results = nlohmann::json::array();
  for (const auto& outcome : *outcomes) {
    if (outcome.result) {
      results.push_back({{"key", outcome.key}, {"status", 200}});
    } else {
      results.push_back(
          {{"key", outcome.key}, {"status", status_for(outcome.result.error().code)}, {"error", problem_json(outcome.result.error())}});
    }
  }
  return json_body(200, {{"results", std::move(results)}});
}

}  // namespace

std::vector<RouteInfo> ticket_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back(
      {HttpMethod::post,
       "/api/v1/tickets",
       "createTicket",
       Access::bearer,
       Execution::deferred,
       {.summary = "Open a ticket",
        .tag = "tickets",
        .headers = {"Idempotency-Key"},
        .request_schema = "TicketDraft",
        .success_status = 201,
        .response_schema = "Ticket",
        .problem_statuses = {400, 403, 413, 415, 422, 429}},
       {},
       {},
       [&services](HttpRequest& request, const Reply& reply) { create_ticket(services, request, reply); }});
  routes.push_back({HttpMethod::get, "/api/v1/tickets", "listTickets", Access::bearer, Execution::inline_io,
                    {.summary = "List tickets, filtered, sorted and paginated by cursor",
                     .tag = "tickets",
                     .query_params = k_list_params,
                     .response_schema = "TicketPage",
                     .problem_statuses = {400, 422}},
                    bind(list_tickets)});
  routes.push_back({HttpMethod::post, "/api/v1/tickets/bulk", "bulkChangeTickets", Access::bearer,
                    Execution::blocking,
                    {.summary = "Edit or transition many tickets; each succeeds or fails alone",
                     .tag = "tickets",
                     .request_schema = "BulkRequest",
                     .response_schema = "BulkResults",
                     .problem_statuses = {400, 403, 413, 415, 422}},
                    bind(bulk_change)});
  routes.push_back({HttpMethod::get, "/api/v1/tickets/{key}", "getTicket", Access::bearer, Execution::inline_io,
                    {.summary = "Show a ticket", .tag = "tickets", .response_schema = "Ticket",
                     .problem_statuses = {404}},
                    bind(get_ticket)});
  routes.push_back({HttpMethod::patch, "/api/v1/tickets/{key}", "editTicket", Access::bearer, Execution::blocking,
                    {.summary = "Edit a ticket's fields (not its status)",
                     .tag = "tickets",
                     .headers = {"If-Match"},
                     .request_schema = "TicketEdit",
                     .response_schema = "Ticket",
                     .problem_statuses = {400, 403, 404, 412, 413, 415, 422, 428}},
                    bind(edit_ticket)});
  routes.push_back({HttpMethod::get, "/api/v1/tickets/{key}/transitions", "listAllowedTransitions", Access::bearer,
                    Execution::inline_io,
                    {.summary = "The statuses the caller may move the ticket to",
                     .tag = "tickets",
                     .response_schema = "AllowedTransitions",
                     .problem_statuses = {404}},
                    bind(allowed_transitions)});
  routes.push_back({HttpMethod::post, "/api/v1/tickets/{key}/transitions", "transitionTicket", Access::bearer,
                    Execution::blocking,
                    {.summary = "Move a ticket along its workflow",
                     .tag = "tickets",
                     .headers = {"If-Match"},
                     .request_schema = "TransitionRequest",
                     .response_schema = "Ticket",
                     .problem_statuses = {400, 403, 404, 409, 412, 413, 415, 422}},
                    bind(transition_ticket)});
  routes.push_back({HttpMethod::post, "/api/v1/tickets/{key}/comments", "addComment", Access::bearer,
                    Execution::blocking,
                    {.summary = "Comment on a ticket",
                     .tag = "tickets",
                     .request_schema = "CommentRequest",
                     .success_status = 201,
                     .response_schema = "Comment",
                     .problem_statuses = {400, 403, 404, 413, 415, 422}},
                    bind(add_comment)});
  routes.push_back({HttpMethod::get, "/api/v1/tickets/{key}/history", "ticketHistory", Access::bearer,
                    Execution::inline_io,
                    {.summary = "A ticket's changes, oldest first",
                     .tag = "tickets",
                     .response_schema = "History",
                     .problem_statuses = {404}},
                    bind(ticket_history)});
  return routes;
}

}  // namespace snag::http
