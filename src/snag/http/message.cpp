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

}  // namespace snag::http
