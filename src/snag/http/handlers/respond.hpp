#pragma once
// Small helpers every handler file uses to turn results into responses.

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include <snag/domain/ids.hpp>
#include <snag/http/codec/json_writer.hpp>
#include <snag/http/codec/ticket_json.hpp>
#include <snag/http/message.hpp>
#include <snag/http/problem.hpp>

namespace snag::http {

inline HttpResponse json_body(unsigned status, const nlohmann::json& body) {
  return json_response(status, json_text(body));
}

// A ticket key from the path that does not parse names no ticket: 404, as for an unknown one.
inline Result<TicketId> ticket_id_from_path(const HttpRequest& request) {
  const auto& key = request.params.get("key");
  if (auto id = parse_ticket_key(key)) return *id;
  return fail(ErrorCode::not_found, "There is no ticket " + key + ".");
}

// A positive whole number (a path id, a cursor), or nullopt.
inline std::optional<std::int64_t> positive_number(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || value <= 0) return std::nullopt;
  return value;
}

// The path's {id} as an `Id`. One that does not parse names nothing: 404 naming `what`, as for
// an unknown one.
template <class Id>
Result<Id> id_from_path(const HttpRequest& request, std::string_view what) {
  const auto& text = request.params.get("id");
  if (auto value = positive_number(text)) return Id{*value};
  return fail(ErrorCode::not_found, "There is no " + std::string(what) + " " + text + ".");
}

// The version an optional If-Match names: nullopt when there is none or it is "*" (anything);
// the 400 to send when it is not an ETag.
inline tl::expected<std::optional<std::int64_t>, HttpResponse> optional_if_match(const HttpRequest& request) {
  if (request.if_match.empty()) return std::nullopt;
  const auto if_match = parse_if_match(request.if_match);
  if (!if_match) return tl::unexpected(problem_response(400, "The If-Match header is not an ETag such as \"3\"."));
  if (if_match->any) return std::nullopt;
  return if_match->version;
}

}  // namespace snag::http
