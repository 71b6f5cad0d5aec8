#pragma once
// Small helpers every handler file uses to turn results into responses.

#include <nlohmann/json.hpp>

#include <snag/domain/ids.hpp>
#include <snag/http/message.hpp>
#include <snag/http/problem.hpp>

namespace snag::http {

inline HttpResponse json_body(unsigned status, const nlohmann::json& body) { return json_response(status, body.dump()); }

// A ticket key from the path that does not parse names no ticket: 404, as for an unknown one.
inline Result<TicketId> ticket_id_from_path(const HttpRequest& request) {
  const auto& key = request.params.get("key");
  if (auto id = parse_ticket_key(key)) return *id;
  return fail(ErrorCode::not_found, "There is no ticket " + key + ".");
}

}  // namespace snag::http
