#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include <snag/http/codec/json_writer.hpp>
#include <snag/http/problem.hpp>

namespace snag::http {
namespace {

struct ProblemKind {
  ErrorCode code;
  unsigned status;
  std::string_view type;
  std::string_view title;
};

// The ErrorCode -> status table (DESIGN.md §4). Each code names its own type URI so that clients
// can tell a stale If-Match from an idempotency clash although both are 4xx.
constexpr std::array k_problem_kinds{
    ProblemKind{ErrorCode::not_found, 404, "urn:snag:problem:not-found", "Not found"},
    ProblemKind{ErrorCode::invalid_argument, 400, "urn:snag:problem:invalid-argument", "Malformed request"},
    ProblemKind{ErrorCode::validation_failed, 422, "urn:snag:problem:validation-failed", "Invalid fields"},
    ProblemKind{ErrorCode::workflow_denied, 409, "urn:snag:problem:workflow-denied", "Transition not allowed"},
    ProblemKind{ErrorCode::permission_denied, 403, "urn:snag:problem:permission-denied", "Permission denied"},
    ProblemKind{ErrorCode::unauthenticated, 401, "urn:snag:problem:unauthenticated", "Authentication required"},
    ProblemKind{ErrorCode::conflict, 409, "urn:snag:problem:conflict", "Conflict"},
    ProblemKind{ErrorCode::precondition_failed, 412, "urn:snag:problem:precondition-failed",
                "The ticket has changed"},
    ProblemKind{ErrorCode::unavailable, 503, "urn:snag:problem:unavailable", "Temporarily unavailable"},
    ProblemKind{ErrorCode::rate_limited, 429, "urn:snag:problem:rate-limited", "Too many attempts"},
    ProblemKind{ErrorCode::internal, 500, "urn:snag:problem:internal", "Internal error"},
};

const ProblemKind& kind_of(ErrorCode code) {
  for (const auto& kind : k_problem_kinds) {
    if (kind.code == code) return kind;
  }
  return k_problem_kinds.back();
}

HttpResponse make_response(unsigned status, const nlohmann::json& body) {
  HttpResponse response;
  response.status = status;
  response.content_type = k_problem_content_type;
  response.body = json_text(body);
  if (status == 401) response.with_header("WWW-Authenticate", "Bearer");
  if (status == 503) response.with_header("Retry-After", "1");
  return response;
}

}  // namespace

unsigned status_for(ErrorCode code) { return kind_of(code).status; }

nlohmann::json problem_json(const Error& error) {
  const auto& kind = kind_of(error.code);
  nlohmann::json body{{"type", kind.type}, {"title", kind.title}, {"status", kind.status}};
  // Internal messages may quote the database; the log has them, the client does not.
  body["detail"] = error.code == ErrorCode::internal ? std::string("The server failed to handle the request.")
                                                     : error.message;
  if (!error.fields.empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const auto& field : error.fields) errors.push_back({{"field", field.field}, {"message", field.message}});
  }
  if (error.code == ErrorCode::workflow_denied) body["allowed"] = error.allowed;
  return body;
}

HttpResponse problem_response(const Error& error) {
  auto response = make_response(status_for(error.code), problem_json(error));
  if (error.code == ErrorCode::rate_limited) {
    response.with_header("Retry-After", std::to_string(std::max(1L, error.retry_after_seconds)));
  }
  return response;
}

HttpResponse problem_response(unsigned status, std::string_view detail) {
  return make_response(status, {{"type", "about:blank"},
                                {"title", reason_phrase(status)},
                                {"status", status},
                                {"detail", detail}});
}

HttpResponse internal_error_response(std::string_view request_id) {
  auto body = problem_json(Error{ErrorCode::internal, {}, {}, {}});
  body["request_id"] = request_id;  // lets support find the logged cause
  return make_response(500, body);
}

std::string_view reason_phrase(unsigned status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

}  // namespace snag::http
