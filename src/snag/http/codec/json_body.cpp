#include <cctype>
#include <optional>
#include <string>

#include <snag/http/codec/json_body.hpp>
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

namespace {

// The path ("fields.note", "labels[2]") of the first string or member name in `value` that holds
// a NUL character ("\u0000" in JSON): no text column takes one (PostgreSQL refuses it, C APIs cut
// at it), so it is refused at the door whatever the field.
std::optional<std::string> nul_text_path(const nlohmann::json& value, const std::string& path) {
  const auto holds_nul = [](const std::string& text) { return text.find('\0') != std::string::npos; };
  if (value.is_string()) return holds_nul(value.get_ref<const std::string&>()) ? std::optional(path) : std::nullopt;
  if (value.is_object()) {
    for (const auto& member : value.items()) {
      const std::string member_path = path.empty() ? member.key() : path + "." + member.key();
      if (holds_nul(member.key())) return member_path;
      if (auto found = nul_text_path(member.value(), member_path)) return found;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto found = nul_text_path(value[i], path + "[" + std::to_string(i) + "]")) return found;
    }
  }
  return std::nullopt;
}

}  // namespace

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
  if (auto path = nul_text_path(body, "")) {
    return tl::unexpected(problem_response(Error{ErrorCode::validation_failed,
                                                 "The request has invalid fields: " + *path,
                                                 {FieldError{*path, "must not contain a NUL character (\\u0000)"}},
                                                 {}}));
  }
  return body;
}

}  // namespace snag::http
