#include <cctype>
#include <exception>
#include <future>
#include <iterator>
#include <memory>

#include <boost/beast/core/string.hpp>

#include <snag/http/api.hpp>
#include <snag/http/cors.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/openapi.hpp>
#include <snag/http/problem.hpp>
#include <snag/http/web_app.hpp>
#include <snag/util/log.hpp>

namespace snag::http {
namespace {

// "Bearer <secret>"; the scheme is case-insensitive (RFC 9110 §11.1).
std::optional<std::string_view> bearer_secret(std::string_view authorization) {
  constexpr std::string_view k_scheme = "bearer ";
  if (authorization.size() <= k_scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < k_scheme.size(); ++i) {
    if (static_cast<char>(std::tolower(static_cast<unsigned char>(authorization[i]))) != k_scheme[i]) {
      return std::nullopt;
    }
  }
  auto secret = authorization.substr(k_scheme.size());
  while (!secret.empty() && secret.front() == ' ') secret.remove_prefix(1);
  while (!secret.empty() && secret.back() == ' ') secret.remove_suffix(1);
  if (secret.empty()) return std::nullopt;
  return secret;
}

bool is_safe_method(HttpMethod method) {
  return method == HttpMethod::get || method == HttpMethod::head || method == HttpMethod::options;
}

// The two headers the web app's files answer to, read from the raw headers: only page loads
// need them, so HttpRequest has no named fields for them.
WebApp::Conditions web_app_conditions(const HttpRequest& request) {
  WebApp::Conditions conditions;
  request.headers.visit([&](std::string_view name, std::string_view value) {
    const auto is = [name](std::string_view wanted) {
      return boost::beast::iequals(boost::beast::string_view(name.data(), name.size()),
                                   boost::beast::string_view(wanted.data(), wanted.size()));
    };
    if (is("accept-encoding")) conditions.accept_encoding = value;
    if (is("if-none-match")) conditions.if_none_match = value;
  });
  return conditions;
}

}  // namespace

Api::Api(HttpServices services) : m_services(services), m_router(all_routes()) {
  m_metrics.describe_routes(m_router.routes());
  m_openapi = http::openapi_document(m_router.routes()).dump();
}

std::vector<RouteInfo> Api::all_routes() {
  std::vector<RouteInfo> routes;
  auto add = [&routes](std::vector<RouteInfo> more) { std::move(more.begin(), more.end(), std::back_inserter(routes)); };
  add(ticket_routes(m_services));
  add(issue_type_routes(m_services.catalog));
  add(policy_routes(m_services));
  add(candidate_routes(m_services));
  add(event_routes(m_services));
  add(oauth_routes(m_services));
  add(session_routes(m_services));
  add(embed_token_routes(m_services));
  add(key_routes(m_services));
  add(user_routes(m_services));
  add(access_log_routes(m_services));
  add(connector_routes(m_services));
  add(hook_routes(m_services));
  add(subscription_routes(m_services));
  add(automation_routes(m_services));
  add(saved_view_routes(m_services));
  add(rule_routes(m_services));
  add(compliance_routes(m_services));
  add(incident_routes(m_services));
  add(export_routes(m_services));
  add(report_routes(m_services));
  add(operation_routes(m_services.store, m_metrics, m_services.inbox, m_openapi));
  return routes;
}

PreparedRequest Api::prepare(HttpRequest& request) {
  PreparedRequest prepared;
  prepared.route_index = m_router.routes().size();
  try {
    if (auto preflight = widget_preflight(request, m_services.tokens.widget_policy())) {
      prepared.response = std::move(preflight);
      return prepared;
    }
    const auto match = m_router.match(request.method, request.path, request.params);
    switch (match.outcome) {
      case RouteMatch::Outcome::not_found:
        if (m_services.web_app) {
          prepared.response = m_services.web_app->answer(request.method, request.path, web_app_conditions(request));
        }
        if (!prepared.response) prepared.response = problem_response(404, "No resource at this path.");
        return prepared;
      case RouteMatch::Outcome::bad_escape:
        prepared.response = problem_response(
            400, "The path has an invalid percent-escape, or decodes to bytes that are not UTF-8 text.");
        return prepared;
      case RouteMatch::Outcome::method_not_allowed:
        prepared.response = problem_response(405, "This path does not answer that method.");
        prepared.response->with_header("Allow", match.allow);
        return prepared;
      case RouteMatch::Outcome::matched:
        break;
    }
    prepared.route_index = match.index;
    if (match.route->access == Access::bearer) {
      PresentedCredentials credentials;
      credentials.bearer = bearer_secret(request.authorization);
      credentials.session_cookie = cookie_value(request.cookie, k_session_cookie);
      credentials.csrf_token = request.csrf_token;
      credentials.unsafe_method = !is_safe_method(request.method);
      credentials.address = request.remote_address;
      credentials.origin = request.origin;
      auto actor = m_services.authenticator.authenticate(credentials);
      if (!actor) {
        prepared.response = problem_response(actor.error());
        return prepared;
      }
      if (actor->credential.starts_with(k_embed_credential_prefix)) {
        if (!is_widget_call(request.method, request.path)) {
          prepared.response = problem_response(403, "An embed token only files tickets (POST /api/v1/tickets).");
          return prepared;
        }
        if (auto admitted = m_services.tokens.admit_widget_call(request.remote_address); !admitted) {
          prepared.response = problem_response(admitted.error());
          return prepared;
        }
      }
      request.actor = std::move(*actor);
    }
    prepared.route = match.route;
  } catch (const std::exception& e) {
    prepared.response = failure(request, e.what());
  } catch (...) {
    prepared.response = failure(request, "unknown exception");
  }
  return prepared;
}

HttpResponse Api::invoke(const RouteInfo& route, HttpRequest& request) noexcept {
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    return failure(request, e.what());
  } catch (...) {
    return failure(request, "unknown exception");
  }
}

void Api::invoke_deferred(const RouteInfo& route, HttpRequest& request, const Reply& reply) noexcept {
  // The Finish runs after this returns, maybe on another thread; the request outlives it.
  const Reply guarded = [this, &request, reply](Finish finish) {
    reply([this, &request, finish = std::move(finish)]() noexcept {
      try {
        return finish();
      } catch (const std::exception& e) {
        return failure(request, e.what());
      } catch (...) {
        return failure(request, "unknown exception");
      }
    });
  };
  try {
    route.deferred_handler(request, guarded);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    reply([this, &request, what] { return failure(request, what); });
  } catch (...) {
    reply([this, &request] { return failure(request, "unknown exception"); });
  }
}

StreamStart Api::open_stream(const RouteInfo& route, HttpRequest& request) noexcept {
  StreamStart start;
  try {
    return route.stream_handler(request);
  } catch (const std::exception& e) {
    start.response = failure(request, e.what());
  } catch (...) {
    start.response = failure(request, "unknown exception");
  }
  return start;
}

void Api::allow_cross_origin(const HttpRequest& request, HttpResponse& response) const {
  allow_widget_origin(request, m_services.tokens.widget_policy(), response);
}

HttpResponse Api::handle(HttpRequest& request) {
  HttpResponse response = handle_same_origin(request);
  allow_cross_origin(request, response);
  return response;
}

HttpResponse Api::handle_same_origin(HttpRequest& request) {
  auto prepared = prepare(request);
  if (prepared.response) return std::move(*prepared.response);
  if (prepared.route->execution == Execution::stream) {
    auto start = open_stream(*prepared.route, request);
    if (start.stream) start.stream->close();
    return std::move(start.response);
  }
  if (prepared.route->execution == Execution::deferred) {
    // Shared with the Reply, which may still be inside set_value when this thread wakes.
    auto finished = std::make_shared<std::promise<Finish>>();
    auto finish = finished->get_future();
    invoke_deferred(*prepared.route, request, [finished](Finish done) { finished->set_value(std::move(done)); });
    return finish.get()();
  }
  auto response = invoke(*prepared.route, request);
  if (response.body_stream) {
    response.body_stream->close();
    response.body_stream.reset();
  }
  return response;
}

HttpResponse Api::failure(const HttpRequest& request, std::string_view what) noexcept {
  // The cause goes to the log only: it may quote SQL or internals.
  log_event(spdlog::level::err, "unhandled exception", {{"request_id", request.request_id}, {"error", what}});
  return internal_error_response(request.request_id);
}

}  // namespace snag::http
