#include <snag/http/message.hpp>

namespace snag::http {

std::string_view to_string(HttpMethod method) {
  switch (method) {
    case HttpMethod::get: return "GET";
    case HttpMethod::head: return "HEAD";
    case HttpMethod::post: return "POST";
    case HttpMethod::put: return "PUT";
    case HttpMethod::patch: return "PATCH";
    case HttpMethod::delete_: return "DELETE";
    case HttpMethod::options: return "OPTIONS";
    case HttpMethod::other: break;
  }
  return "OTHER";
}

HttpMethod parse_method(std::string_view text) {
  // Methods are case-sensitive (RFC 9110 §9.1).
  if (text == "GET") return HttpMethod::get;
  if (text == "POST") return HttpMethod::post;
  if (text == "PATCH") return HttpMethod::patch;
  if (text == "PUT") return HttpMethod::put;
  if (text == "DELETE") return HttpMethod::delete_;
  if (text == "HEAD") return HttpMethod::head;
  if (text == "OPTIONS") return HttpMethod::options;
  return HttpMethod::other;
}

const std::string& PathParams::get(std::string_view name) const {
  for (std::size_t i = 0; i < size; ++i) {
    if (items[i].first == name) return items[i].second;
  }
  static const std::string k_empty;
  return k_empty;
}

HttpResponse json_response(unsigned status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto end = header.find(';');
    std::string_view pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return std::nullopt;
}

}  // namespace snag::http
