#include <algorithm>
#include <set>

#include <snag/domain/sla/sla_policy.hpp>

namespace snag {

namespace {

void overlay(SlaTargets& base, const SlaTargets& over) {
  if (over.first_response) base.first_response = over.first_response;
  if (over.resolution) base.resolution = over.resolution;
  if (over.calendar) base.calendar = over.calendar;
}

// "US" covers "US" and "US-CA", not "USA".
bool covers(std::string_view prefix, std::string_view geography) {
  return geography.starts_with(prefix) && (geography.size() == prefix.size() || geography[prefix.size()] == '-');
}

}  // namespace

const BusinessCalendar* SlaPolicy::find_calendar(std::string_view name) const {
  const auto it = std::find_if(calendars.begin(), calendars.end(), [&](const auto& c) { return c.name == name; });
  return it == calendars.end() ? nullptr : &*it;
}

SlaTargets SlaPolicy::targets_for(std::string_view issue_type, Severity severity) const {
  SlaTargets targets;
  if (const auto it = by_severity.find(severity); it != by_severity.end()) targets = it->second;
  if (const auto type = by_issue_type.find(issue_type); type != by_issue_type.end()) {
    if (const auto it = type->second.find(severity); it != type->second.end()) overlay(targets, it->second);
  }
  return targets;
}

const BusinessCalendar* SlaPolicy::calendar_for(std::string_view issue_type, Severity severity, std::string_view team,
                                                const std::optional<std::string>& candidate_geography) const {
  if (const auto own = targets_for(issue_type, severity).calendar) return find_calendar(*own);
  if (candidate_geography) {
    const std::string* best = nullptr;
    std::size_t best_length = 0;
    for (const auto& [prefix, calendar] : calendar_by_geography) {
      if (covers(prefix, *candidate_geography) && prefix.size() >= best_length) {
        best = &calendar;
        best_length = prefix.size();
      }
    }
    if (best) return find_calendar(*best);
  }
  if (const auto it = calendar_by_team.find(team); it != calendar_by_team.end()) return find_calendar(it->second);
  return find_calendar(default_calendar);
}

Result<void> validate_sla_policy(const SlaPolicy& policy) {
  const auto invalid = [](std::string why) { return fail(ErrorCode::invalid_argument, std::move(why)); };
  std::set<std::string, std::less<>> names;
  for (const auto& calendar : policy.calendars) {
    if (auto valid = validate_calendar(calendar); !valid) return valid;
    if (!names.insert(calendar.name).second) return invalid("calendar '" + calendar.name + "' is defined twice");
  }
  const auto check_calendar = [&](const std::string& name, const std::string& where) -> Result<void> {
    if (!names.contains(name)) return invalid(where + ": calendar '" + name + "' is unknown");
    return {};
  };
  const auto check_targets = [&](const SlaTargets& targets, const std::string& where) -> Result<void> {
    for (const auto& target : {targets.first_response, targets.resolution}) {
      if (target && target->count() <= 0) return invalid(where + ": SLA targets must be positive");
    }
    if (targets.calendar) return check_calendar(*targets.calendar, where);
    return {};
  };
  if (!policy.calendars.empty() || !policy.default_calendar.empty()) {
    if (auto known = check_calendar(policy.default_calendar, "sla.default_calendar"); !known) return known;
  }
  for (const auto& [severity, targets] : policy.by_severity) {
    if (auto valid = check_targets(targets, "sla " + std::string(to_string(severity))); !valid) return valid;
  }
  for (const auto& [type, rows] : policy.by_issue_type) {
    for (const auto& [severity, targets] : rows) {
      if (auto valid = check_targets(targets, "sla " + type + " " + std::string(to_string(severity))); !valid) {
        return valid;
      }
    }
  }
  for (const auto& [team, calendar] : policy.calendar_by_team) {
    if (auto known = check_calendar(calendar, "sla team " + team); !known) return known;
  }
  for (const auto& [geography, calendar] : policy.calendar_by_geography) {
    if (auto known = check_calendar(calendar, "sla geography " + geography); !known) return known;
  }
  const bool has_targets = std::any_of(policy.by_severity.begin(), policy.by_severity.end(), [](const auto& row) {
    return row.second.first_response || row.second.resolution;
  });
  if (has_targets && policy.calendars.empty()) return invalid("SLA targets need at least one calendar");
  return {};
}

}  // namespace snag
