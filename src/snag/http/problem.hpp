#pragma once
// RFC 9457 problem details. The one table that maps an ErrorCode to an HTTP status lives in
// problem.cpp; nothing else in the http layer picks a status for an Error.

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <snag/http/message.hpp>
#include <snag/util/error.hpp>

namespace snag::http {

inline constexpr std::string_view k_problem_content_type = "application/problem+json";

unsigned status_for(ErrorCode code);

// {type, title, status, detail} plus errors[] (field errors) and allowed[] (workflow_denied).
nlohmann::json problem_json(const Error& error);

// The response for a domain or use-case error; 401 carries WWW-Authenticate: Bearer.
HttpResponse problem_response(const Error& error);

// A protocol-level problem (404 unknown path, 405, 413, 415, 428, …) with type about:blank.
HttpResponse problem_response(unsigned status, std::string_view detail);

// The generic 500: says nothing about the cause, which only the log holds.
HttpResponse internal_error_response(std::string_view request_id);

// The standard reason phrase ("Not Found"), or "Error" for unknown statuses.
std::string_view reason_phrase(unsigned status);

}  // namespace snag::http
