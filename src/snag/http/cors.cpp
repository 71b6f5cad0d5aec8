#include <string>

#include <snag/http/cors.hpp>
#include <snag/http/problem.hpp>

namespace snag::http {
namespace {

constexpr std::string_view k_embed_tokens_path = "/api/v1/embed-tokens";
constexpr std::string_view k_tickets_path = "/api/v1/tickets";

bool is_widget_path(std::string_view path) { return path == k_embed_tokens_path || path == k_tickets_path; }

// Who may read the answer: any page for embed tokens, whose answer to an origin that is not
// listed is a 403 the widget should be able to show (it holds no data); only listed origins for
// tickets.
bool may_read(const HttpRequest& request, const WidgetPolicy& policy) {
  if (request.path == k_embed_tokens_path) return normalized_origin(request.origin).has_value();
  return allows_origin(policy, request.origin);
}

void add_origin(HttpResponse& response, std::string_view origin) {
  response.with_header("Access-Control-Allow-Origin", std::string(origin));
  // Caches must keep the answers to different origins apart.
  response.with_header("Vary", "Origin");
}

}  // namespace

bool is_widget_call(HttpMethod method, std::string_view path) {
  return method == HttpMethod::post && is_widget_path(path);
}

std::optional<HttpResponse> widget_preflight(const HttpRequest& request, const WidgetPolicy& policy) {
  if (request.method != HttpMethod::options || request.origin.empty() || !is_widget_path(request.path)) {
    return std::nullopt;
  }
  if (!may_read(request, policy)) {
    return problem_response(403, "Pages of this origin may not embed the widget (widget.allowed_origins).");
  }
  HttpResponse response;
  response.status = 204;
  response.content_type = "text/plain";
  add_origin(response, request.origin);
  response.with_header("Access-Control-Allow-Methods", "POST");
  response.with_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key");
  response.with_header("Access-Control-Max-Age", "600");
  return response;
}

void allow_widget_origin(const HttpRequest& request, const WidgetPolicy& policy, HttpResponse& response) {
  if (request.origin.empty() || !is_widget_call(request.method, request.path)) return;
  if (may_read(request, policy)) add_origin(response, request.origin);
}

}  // namespace snag::http
