// The SLA policy (GET /api/v1/sla-policy) and the retention rules (GET /api/v1/retention-rules)
// as configured: read-only while Snag runs, so each body is built once. They are changed in the
// configuration file and take effect at the next start.

#include <cstdio>

#include <date/tz.h>

#include <snag/http/handlers/respond.hpp>
#include <snag/http/handlers/routes.hpp>

namespace snag::http {
namespace {

constexpr std::array<std::string_view, 7> k_weekdays{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

nlohmann::json optional_minutes(const std::optional<std::chrono::minutes>& minutes) {
  return minutes ? nlohmann::json(minutes->count()) : nlohmann::json(nullptr);
}

std::string clock_time(std::chrono::minutes at) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(at.count() / 60), static_cast<int>(at.count() % 60));
  return text;
}

std::string iso_date(std::chrono::local_days day) {
  const std::chrono::year_month_day date{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

nlohmann::json calendar_json(const BusinessCalendar& calendar) {
  nlohmann::json week = nlohmann::json::object();
  for (std::size_t day = 0; day < k_weekdays.size(); ++day) {
    auto hours = nlohmann::json::array();
    for (const auto& interval : calendar.week[day]) {
      hours.push_back(clock_time(interval.start) + "-" + clock_time(interval.end));
    }
    week[std::string(k_weekdays[day])] = std::move(hours);
  }
  auto holidays = nlohmann::json::array();
  for (const auto day : calendar.holidays) holidays.push_back(iso_date(day));
  return {{"name", calendar.name},
          {"time_zone", calendar.zone ? nlohmann::json(std::string(calendar.zone->name())) : nlohmann::json(nullptr)},
          {"always_open", calendar.is_always_open()},
          {"week", std::move(week)},
          {"holidays", std::move(holidays)}};
}

nlohmann::json targets_json(Severity severity, const SlaTargets& targets) {
  return {{"severity", to_string(severity)},
          {"first_response_minutes", optional_minutes(targets.first_response)},
          {"resolution_minutes", optional_minutes(targets.resolution)},
          {"calendar", targets.calendar ? nlohmann::json(*targets.calendar) : nlohmann::json(nullptr)}};
}

std::string sla_policy_body(const SlaPolicy& policy) {
  auto calendars = nlohmann::json::array();
  for (const auto& calendar : policy.calendars) calendars.push_back(calendar_json(calendar));
  auto targets = nlohmann::json::array();
  for (const auto& [severity, by_severity] : policy.by_severity) targets.push_back(targets_json(severity, by_severity));
  // Only what an issue type overrides: a null member falls back to the severity's target.
  auto overrides = nlohmann::json::array();
  for (const auto& [type, by_severity] : policy.by_issue_type) {
    for (const auto& [severity, override_targets] : by_severity) {
      auto entry = targets_json(severity, override_targets);
      entry["issue_type"] = type;
      overrides.push_back(std::move(entry));
    }
  }
  return nlohmann::json{{"calendars", std::move(calendars)},
                        {"default_calendar", policy.default_calendar},
                        {"calendar_by_team", policy.calendar_by_team},
                        {"calendar_by_geography", policy.calendar_by_geography},
                        {"targets", std::move(targets)},
                        {"issue_type_targets", std::move(overrides)}}
      .dump();
}

nlohmann::json optional_days(const std::optional<int>& days) {
  return days ? nlohmann::json(*days) : nlohmann::json(nullptr);
}

std::string retention_body(const RetentionPolicy* policy) {
  auto rules = nlohmann::json::array();
  if (policy) {
    for (const auto& rule : policy->rules) {
      rules.push_back({{"issue_type", rule.issue_type},
                       {"geography", rule.geography ? nlohmann::json(*rule.geography) : nlohmann::json(nullptr)},
                       {"days_after_close", optional_days(rule.days_after_close)},
                       {"days_after_purge", optional_days(rule.days_after_purge)}});
    }
  }
  return nlohmann::json{{"items", std::move(rules)}}.dump();
}

}  // namespace

std::vector<RouteInfo> policy_routes(const HttpServices& services) {
  std::vector<RouteInfo> routes;
  routes.push_back(fixed_body_route("/api/v1/sla-policy", "getSlaPolicy",
                                    "The SLA policy: business calendars, which calendar runs a ticket's clock, and the "
                                    "targets per severity and issue type",
                                    "SlaPolicy", sla_policy_body(services.catalog.sla)));
  routes.push_back(fixed_body_route("/api/v1/retention-rules", "listRetentionRules",
                                    "The retention rules in order: the first that matches a ticket decides how long it "
                                    "is kept",
                                    "RetentionRules", retention_body(services.retention)));
  return routes;
}

}  // namespace snag::http
