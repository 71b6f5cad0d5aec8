#pragma once
// The transport-free request and response the router and handlers see. The server fills an
// HttpRequest with views into Beast's parsed message, so the views live as long as the request.

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <snag/domain/actor.hpp>

namespace snag::http {

class EventStream;  // event_stream.hpp

enum class HttpMethod { get, head, post, put, patch, delete_, options, other };

std::string_view to_string(HttpMethod method);
HttpMethod parse_method(std::string_view text);

// Values of the {path parameters} of a matched route, percent-decoded. Names view the route's
// pattern, which outlives every request.
struct PathParams {
  static constexpr std::size_t k_capacity = 4;
  std::array<std::pair<std::string_view, std::string>, k_capacity> items;
  std::size_t size = 0;

  // REQUIRES: `name` is a path parameter of the matched route.
  const std::string& get(std::string_view name) const;
};

// Every header of a request, for the few handlers that need more than HttpRequest's named
// fields (webhook signatures). A view into the server's parsed message.
struct RawHeaders {
  using Visit = void (*)(void* context, std::string_view name, std::string_view value);
  const void* message = nullptr;
  void (*for_each)(const void* message, Visit visit, void* context) = nullptr;

  // Calls visit(name, value) for each header in arrival order.
  template <class Visitor>
  void visit(Visitor&& visitor) const {
    if (for_each == nullptr) return;
    for_each(
        message,
        [](void* context, std::string_view name, std::string_view value) {
          (*static_cast<std::remove_reference_t<Visitor>*>(context))(name, value);
        },
        &visitor);
  }
};

struct HttpRequest {
  HttpMethod method = HttpMethod::get;
  std::string_view method_text;
  std::string_view path;   // raw, before percent-decoding; no query string
  std::string_view query;  // raw, without the '?'
  std::string_view content_type;
  std::string_view authorization;
  std::string_view cookie;          // the Cookie header, for the web app's session
  std::string_view csrf_token;      // X-CSRF-Token
  std::string_view remote_address;  // the client's IP address
  std::string_view forwarded_proto;  // X-Forwarded-Proto: "https" when a proxy ended TLS
  std::string_view origin;           // Origin: the page a browser's request came from
  std::string_view if_match;
  std::string_view idempotency_key;
  std::string_view last_event_id;  // Server-Sent Events: where a reconnecting client resumes
  std::string_view body;
  RawHeaders headers;
  std::string request_id;
  PathParams params;
  std::optional<Actor> actor;  // set before the handler runs on routes that need credentials

  // REQUIRES: the route needs a bearer (the router guarantees it is set for those).
  const Actor& caller() const { return *actor; }
};

struct HttpResponse {
  unsigned status = 200;
  std::string_view content_type = "application/json";  // always a literal
  std::string body;
  // Set for a body too large to hold (a CSV export of every ticket): the server sends what the
  // stream gives, chunked, and `body` is ignored.
  std::shared_ptr<EventStream> body_stream;
  std::vector<std::pair<std::string_view, std::string>> headers;  // names are literals

  HttpResponse& with_header(std::string_view name, std::string value) {
    headers.emplace_back(name, std::move(value));
    return *this;
  }
};

// The value of cookie `name` in a Cookie header ("a=1; snag_session=…").
std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name);

// A 2xx JSON response holding `body` (already serialized).
HttpResponse json_response(unsigned status, std::string body);

}  // namespace snag::http
