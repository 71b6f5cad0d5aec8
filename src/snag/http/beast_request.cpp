#include <snag/http/beast_request.hpp>

namespace snag::http {
namespace {
namespace bhttp = boost::beast::http;

std::string_view view_of(boost::beast::string_view text) { return {text.data(), text.size()}; }
}  // namespace

HttpRequest view_request(const BeastRequest& message, std::string_view remote_address) {
  HttpRequest request;
  request.method_text = view_of(message.method_string());
  request.method = parse_method(request.method_text);
  const auto target = view_of(message.target());
  const auto question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string_view::npos) request.query = target.substr(question + 1);
  request.content_type = view_of(message[bhttp::field::content_type]);
  request.authorization = view_of(message[bhttp::field::authorization]);
  request.cookie = view_of(message[bhttp::field::cookie]);
  request.csrf_token = view_of(message["X-CSRF-Token"]);
  request.remote_address = remote_address;
  request.forwarded_proto = view_of(message["X-Forwarded-Proto"]);
  request.origin = view_of(message[bhttp::field::origin]);
  request.if_match = view_of(message[bhttp::field::if_match]);
  request.idempotency_key = view_of(message["Idempotency-Key"]);
  request.last_event_id = view_of(message["Last-Event-ID"]);
  request.body = message.body();
  request.headers.message = &message;
  request.headers.for_each = [](const void* headers, RawHeaders::Visit visit, void* context) {
    for (const auto& field : *static_cast<const BeastRequest*>(headers)) {
      visit(context, view_of(field.name_string()), view_of(field.value()));
    }
  };
  return request;
}

}  // namespace snag::http
