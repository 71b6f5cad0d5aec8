#pragma once
// Reading a JSON request body strictly: media type first (415), then well-formedness and a
// nesting limit (400), so that decoders only ever see a parsed object.

#include <string_view>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include <snag/http/message.hpp>

namespace snag::http {

inline constexpr int k_max_json_depth = 32;

// True for "application/json" with any parameters ("; charset=utf-8"), case-insensitively.
bool is_json_media_type(std::string_view content_type);

// True when no array or object in `text` nests deeper than `max_depth`. Linear, and run before
// the recursive parser so that a hostile body cannot exhaust the stack.
bool within_json_depth(std::string_view text, int max_depth);

// The body as a JSON object, or the problem response to send (415, 400).
tl::expected<nlohmann::json, HttpResponse> read_json_object(const HttpRequest& request);

}  // namespace snag::http
