// /api/v1/notifications: the caller's in-app notifications (any principal, their own only), and
// /api/v1/suppression-windows: hiring freezes and maintenance windows (automation:admin).

#include <snag/http/codec/field_reader.hpp>
#include <snag/http/codec/json_body.hpp>
#include <snag/http/codec/notification_json.hpp>
#include <snag/http/codec/optional_json.hpp>
#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>
#include <snag/http/query_string.hpp>

namespace snag::http {
namespace {

constexpr std::size_t k_max_notification_page = 200;

Result<NotificationQuery> parse_notification_query(const QueryParams& params) {
  NotificationQuery query;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (name == "unread") {
      if (value != "true" && value != "false") errors.push_back({"unread", "must be true or false"});
      query.unread_only = value == "true";
    } else if (name == "limit") {
      const auto limit = positive_number(value);
      if (!limit || *limit > static_cast<std::int64_t>(k_max_notification_page)) {
        errors.push_back({"limit", "must be 1 to " + std::to_string(k_max_notification_page)});
      } else {
        query.limit = static_cast<std::size_t>(*limit);
      }
    } else if (name == "cursor") {
      const auto before = positive_number(value);
      if (!before) errors.push_back({"cursor", "is not a cursor of this list"});
      if (before) query.before = NotificationId{*before};
    } else {
      errors.push_back({name, "is not a filter of notifications (unread, limit, cursor)"});
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  return query;
}

HttpResponse list_notifications(const HttpServices& services, HttpRequest& request) {
  auto params = parse_query_string(request.query);
  if (!params) return problem_response(params.error());
  auto query = parse_notification_query(*params);
  if (!query) return problem_response(query.error());
  auto inbox = services.notifications.list(request.caller(), *query);
  if (!inbox) return problem_response(inbox.error());
  auto items = nlohmann::json::array();
  for (const auto& notification : inbox->page.items) items.push_back(encode_notification(notification));
  return json_body(200, {{"items", std::move(items)},
                         {"unread_count", inbox->unread},
                         {"next_cursor", inbox->page.next ? nlohmann::json(std::to_string(inbox->page.next->value))
                                                          : nlohmann::json(nullptr)}});
}

// {"ids": [3, 4]} marks those; {} or {"all": true} every unread one.
HttpResponse mark_notifications_read(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  std::vector<FieldError> errors;
  FieldReader reader(*body, "", errors);
  std::vector<NotificationId> ids;
  if (const auto* listed = reader.find("ids")) {
    if (!listed->is_array() || listed->empty()) {
      errors.push_back({"ids", "must be a non-empty list of notification ids"});
    } else {
      for (const auto& id : *listed) {
        if (!id.is_number_integer() || id.get<std::int64_t>() <= 0) {
          errors.push_back({"ids", "must hold positive whole numbers"});
          break;
        }
        ids.push_back(NotificationId{id.get<std::int64_t>()});
      }
    }
  }
  if (const auto* all = reader.find("all"); all != nullptr && (!all->is_boolean() || !all->get<bool>())) {
    errors.push_back({"all", "must be true (leave it out to mark only `ids`)"});
  }
  if (reader.find("ids") != nullptr && reader.find("all") != nullptr) {
    errors.push_back({"all", "give either ids or all, not both"});
  }
  reader.reject_unknown();
  if (!errors.empty()) return problem_response(fail_validation(std::move(errors)).value());
  auto unread = services.notifications.mark_read(request.caller(), ids);
  if (!unread) return problem_response(unread.error());
  return json_body(200, {{"unread_count", *unread}});
}

nlohmann::json encode_window(const SuppressionWindow& window, Timestamp now) {
  const char* state = window_active(window, now) ? "active" : window_started(window, now) ? "ended" : "scheduled";
  return {{"id", window.id.value},
          {"name", window.name},
          {"reason", window.reason},
          {"scope", {{"kind", to_string(window.scope)}, {"value", window.scope == WindowScope::all ? nlohmann::json(nullptr) : nlohmann::json(window.scope_value)}}},
          {"starts_at", format_rfc3339(window.starts_at)},
          {"ends_at", format_rfc3339(window.ends_at)},
          {"on_end", to_string(window.on_end)},
          {"state", state},
          {"created_by", window.created_by},
          {"created_at", format_rfc3339(window.created_at)},
          {"ended_early_at", optional_time(window.ended_early_at)},
          {"settled_at", optional_time(window.settled_at)}};
}

nlohmann::json encode_suppressed(const SuppressedEscalation& escalation) {
  return {{"ticket", ticket_key(escalation.ticket)},
          {"rule", escalation.rule},
          {"due_at", format_rfc3339(escalation.due_at)},
          {"state", to_string(escalation.state)},
          {"settled_at", optional_time(escalation.settled_at)}};
}

std::optional<Timestamp> decode_time(FieldReader& reader, std::string_view name, bool required,
                                     std::vector<FieldError>& errors) {
  const auto* value = reader.find(name);
  if (value == nullptr) {
    if (required) errors.push_back({std::string(name), "is required (an RFC 3339 date-time)"});
    return std::nullopt;
  }
  if (value->is_string()) {
    if (auto at = parse_rfc3339(value->get_ref<const std::string&>())) return at;
  }
  errors.push_back({std::string(name), "must be an RFC 3339 date-time"});
  return std::nullopt;
}

// name, reason?, scope? ({kind: all|team|issue_type|geography, value}), starts_at? (now),
// ends_at, on_end (fire|drop).
Result<SuppressionWindow> decode_window(const nlohmann::json& body, Timestamp now) {
  std::vector<FieldError> errors;
  FieldReader reader(body, "", errors);
  SuppressionWindow window;
  if (auto name = reader.required_string("name")) window.name = std::move(*name);
  if (const auto* reason = reader.find("reason"); reason != nullptr && !reason->is_null()) {
    if (auto text = decode_string(*reason, "reason", errors)) window.reason = std::move(*text);
  }
  if (const auto* scope = reader.find("scope")) {
    if (!scope->is_object()) {
      errors.push_back({"scope", "must be an object {kind, value}"});
    } else {
      FieldReader scope_reader(*scope, "scope", errors);
      if (auto kind = scope_reader.required_string("kind")) {
        if (auto parsed = parse_window_scope(*kind)) {
          window.scope = *parsed;
        } else {
          errors.push_back({"scope.kind", "must be all, team, issue_type or geography"});
        }
      }
      if (const auto* value = scope_reader.find("value"); value != nullptr && !value->is_null()) {
        if (auto text = decode_string(*value, "scope.value", errors)) window.scope_value = std::move(*text);
      }
      scope_reader.reject_unknown();
    }
  }
  window.starts_at = decode_time(reader, "starts_at", false, errors).value_or(now);
  if (auto ends = decode_time(reader, "ends_at", true, errors)) window.ends_at = *ends;
  if (auto on_end = reader.required_string("on_end")) {
    if (auto parsed = parse_window_end_policy(*on_end)) {
      window.on_end = *parsed;
    } else {
      errors.push_back({"on_end", "must be fire (held escalations fire once when it ends) or drop"});
    }
  }
  reader.reject_unknown({"id", "state", "created_by", "created_at", "ended_early_at", "settled_at"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return window;
}

HttpResponse list_windows(const HttpServices& services, HttpRequest& request) {
  auto windows = services.suppression_windows.list(request.caller());
  if (!windows) return problem_response(windows.error());
  const Timestamp now = services.access_recorder.clock().now();
  auto items = nlohmann::json::array();
  for (const auto& window : *windows) items.push_back(encode_window(window, now));
  return json_body(200, {{"items", std::move(items)}});
}

HttpResponse create_window(const HttpServices& services, HttpRequest& request) {
  auto body = read_json_object(request);
  if (!body) return std::move(body.error());
  const Timestamp now = services.access_recorder.clock().now();
  auto decoded = decode_window(*body, now);
  if (!decoded) return problem_response(decoded.error());
  auto created = services.suppression_windows.create(request.caller(), std::move(*decoded));
  if (!created) return problem_response(created.error());
  auto response = json_body(201, encode_window(*created, now));
  response.headers.emplace_back("Location", "/api/v1/suppression-windows/" + std::to_string(created->id.value));
  return response;
}

HttpResponse get_window(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<SuppressionWindowId>(request, "suppression window");
  if (!id) return problem_response(id.error());
  auto detail = services.suppression_windows.get(request.caller(), *id);
  if (!detail) return problem_response(detail.error());
  auto json = encode_window(detail->window, services.access_recorder.clock().now());
  auto suppressed = nlohmann::json::array();
  for (const auto& escalation : detail->suppressed) suppressed.push_back(encode_suppressed(escalation));
  json["suppressed"] = std::move(suppressed);
  return json_body(200, json);
}

HttpResponse end_window(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<SuppressionWindowId>(request, "suppression window");
  if (!id) return problem_response(id.error());
  auto ended = services.suppression_windows.end_now(request.caller(), *id);
  if (!ended) return problem_response(ended.error());
  return json_body(200, encode_window(*ended, services.access_recorder.clock().now()));
}

HttpResponse delete_window(const HttpServices& services, HttpRequest& request) {
  auto id = id_from_path<SuppressionWindowId>(request, "suppression window");
  if (!id) return problem_response(id.error());
  if (auto removed = services.suppression_windows.remove(request.caller(), *id); !removed) {
    return problem_response(removed.error());
  }
  HttpResponse response;
  response.status = 204;
  return response;
}

}  // namespace

std::vector<RouteInfo> automation_routes(const HttpServices& services) {
  const auto bind = [&services](HttpResponse (*handler)(const HttpServices&, HttpRequest&)) {
    return [&services, handler](HttpRequest& request) { return handler(services, request); };
  };
  std::vector<RouteInfo> routes;
  routes.push_back({HttpMethod::get,
                    "/api/v1/notifications",
                    "listNotifications",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "The caller's in-app notifications, newest first, with the unread count",
                     .tag = "automation",
                     .query_params = {"unread", "limit", "cursor"},
                     .response_schema = "NotificationList",
                     .problem_statuses = {401, 422}},
                    bind(list_notifications)});
  routes.push_back({HttpMethod::post,
                    "/api/v1/notifications/read",
                    "markNotificationsRead",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Mark the caller's notifications read: those in `ids`, or all",
                     .tag = "automation",
                     .request_schema = "NotificationsRead",
                     .response_schema = "UnreadCount",
                     .problem_statuses = {400, 401, 413, 415, 422}},
                    bind(mark_notifications_read)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/suppression-windows",
                    "listSuppressionWindows",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "Hiring freezes and maintenance windows, newest first (automation:admin)",
                     .tag = "automation",
                     .response_schema = "SuppressionWindowList",
                     .problem_statuses = {403}},
                    bind(list_windows)});
  routes.push_back({HttpMethod::post,
                    "/api/v1/suppression-windows",
                    "createSuppressionWindow",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Declare a window in which no escalation fires for the tickets in its scope "
                                "(automation:admin)",
                     .tag = "automation",
                     .request_schema = "NewSuppressionWindow",
                     .success_status = 201,
                     .response_schema = "SuppressionWindow",
                     .problem_statuses = {400, 403, 413, 415, 422}},
                    bind(create_window)});
  routes.push_back({HttpMethod::get,
                    "/api/v1/suppression-windows/{id}",
                    "getSuppressionWindow",
                    Access::bearer,
                    Execution::inline_io,
                    {.summary = "A window with every escalation it held and how each ended (automation:admin)",
                     .tag = "automation",
                     .response_schema = "SuppressionWindowDetail",
                     .problem_statuses = {403, 404}},
                    bind(get_window)});
  routes.push_back({HttpMethod::post,
                    "/api/v1/suppression-windows/{id}/end",
                    "endSuppressionWindow",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "End an active window now; its held escalations fire or drop at the next SLA "
                                "sweep, as its on_end says (automation:admin)",
                     .tag = "automation",
                     .response_schema = "SuppressionWindow",
                     .problem_statuses = {403, 404, 409}},
                    bind(end_window)});
  routes.push_back({HttpMethod::delete_,
                    "/api/v1/suppression-windows/{id}",
                    "deleteSuppressionWindow",
                    Access::bearer,
                    Execution::blocking,
                    {.summary = "Delete a window that has not started; one that has is ended instead "
                                "(automation:admin)",
                     .tag = "automation",
                     .success_status = 204,
                     .problem_statuses = {403, 404, 409}},
                    bind(delete_window)});
  return routes;
}

}  // namespace snag::http
