#include <snag/http/codec/json_body.hpp>

#include <cctype>

#include <snag/http/problem.hpp>

namespace snag::http {

bool is_json_media_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  auto type = content_type.substr(0, semicolon);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  constexpr std::string_view k_json = "application/json";
  if (type.size() != k_json.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != k_json[i]) return false;
  }
  return true;
}

bool within_json_depth(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

tl::expected<nlohmann::json, HttpResponse> read_json_object(const HttpRequest& request) {
  if (!is_json_media_type(request.content_type)) {
    return tl::unexpected(problem_response(415, "The request body must be application/json."));
  }
  if (!within_json_depth(request.body, k_max_json_depth)) {
    return tl::unexpected(problem_response(400, "The JSON body nests deeper than 32 levels."));
  }
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return tl::unexpected(problem_response(400, "The request body is not valid JSON."));
  if (!body.is_object()) return tl::unexpected(problem_response(400, "The request body must be a JSON object."));
  return body;
}

}  // namespace snag::http
