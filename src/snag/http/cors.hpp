#pragma once
// Cross-origin calls from the pages that embed the widget (the Fetch standard's CORS protocol):
// only the two calls the widget makes answer them, and only for origins the widget policy lists.
// Every other route stays same-origin: a browser on another site can neither read its answers
// nor send it a preflighted request.

#include <optional>
#include <string_view>

#include <snag/domain/access/widget_policy.hpp>
#include <snag/http/message.hpp>

namespace snag::http {

// POST /api/v1/embed-tokens and POST /api/v1/tickets.
bool is_widget_call(HttpMethod method, std::string_view path);

// The answer to a CORS preflight (OPTIONS) of a widget path: 204 with what the page may send, or
// 403 for an origin the policy does not list (any origin may ask for an embed token, to be told
// no readably); nullopt for any other request (an OPTIONS without an Origin is no preflight).
std::optional<HttpResponse> widget_preflight(const HttpRequest& request, const WidgetPolicy& policy);

// Lets the page read the answer to a widget call: from an origin the policy lists, and for an
// embed token from any origin (the answer to one not listed is its 403).
void allow_widget_origin(const HttpRequest& request, const WidgetPolicy& policy, HttpResponse& response);

}  // namespace snag::http
