#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include <date/tz.h>

#include <snag/config/sla_yaml.hpp>
#include <snag/config/yaml_reading.hpp>

namespace snag {

namespace {

using config_yaml::ConfigError;
using config_yaml::reject;
using config_yaml::require_severity;
using config_yaml::require_string;

std::string scalar(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar() || node.Scalar().empty()) reject(node, std::string(what) + " must be a single value");
  return node.Scalar();
}

std::optional<int> parse_number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "HH:MM", 00:00 to 24:00.
std::optional<std::chrono::minutes> parse_clock_time(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto hours = parse_number(text.substr(0, 2));
  const auto minutes = parse_number(text.substr(3, 2));
  if (!hours || !minutes || *hours < 0 || *minutes < 0 || *minutes > 59 || *hours > 24) return std::nullopt;
  if (*hours == 24 && *minutes != 0) return std::nullopt;
  return std::chrono::minutes{*hours * 60 + *minutes};
}

WorkingInterval read_interval(const YAML::Node& node) {
  const std::string text = scalar(node, "working hours");
  const auto dash = text.find('-');
  const auto start = parse_clock_time(std::string_view(text).substr(0, dash));
  const auto end = dash == std::string::npos ? std::nullopt : parse_clock_time(std::string_view(text).substr(dash + 1));
  if (!start || !end || *start == k_whole_day) {
    reject(node, "working hours '" + text + "' must be HH:MM-HH:MM, such as 09:00-17:00");
  }
  if (*end <= *start) reject(node, "working hours '" + text + "' end before they start");
  return {*start, *end};
}

constexpr std::array<std::string_view, 7> k_day_names{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

std::optional<unsigned> day_index(std::string_view name) {
  const auto it = std::find(k_day_names.begin(), k_day_names.end(), name);
  if (it == k_day_names.end()) return std::nullopt;
  return static_cast<unsigned>(it - k_day_names.begin());
}

// "mon", or a range in week order from Monday: "mon-fri", "sat-sun".
std::vector<unsigned> read_days(const YAML::Node& key) {
  const std::string text = scalar(key, "a day");
  const auto dash = text.find('-');
  const auto first = day_index(std::string_view(text).substr(0, dash));
  const auto last = dash == std::string::npos ? first : day_index(std::string_view(text).substr(dash + 1));
  const auto monday_first = [](unsigned day) { return (day + 6) % 7; };
  if (!first || !last || monday_first(*last) < monday_first(*first)) {
    reject(key, "'" + text + "' is not a day (mon, tue, wed, thu, fri, sat, sun) or a range of them such as mon-fri");
  }
  std::vector<unsigned> days;
  for (unsigned day = monday_first(*first); day <= monday_first(*last); ++day) days.push_back((day + 1) % 7);
  return days;
}

std::chrono::local_days read_date(const YAML::Node& node) {
  const std::string text = scalar(node, "a holiday");
  const auto year = parse_number(std::string_view(text).substr(0, 4));
  const auto month = text.size() == 10 ? parse_number(std::string_view(text).substr(5, 2)) : std::nullopt;
  const auto day = text.size() == 10 ? parse_number(std::string_view(text).substr(8, 2)) : std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year.value_or(0)},
                                         std::chrono::month{static_cast<unsigned>(month.value_or(0))},
                                         std::chrono::day{static_cast<unsigned>(day.value_or(0))}};
  if (!year || !month || !day || text[4] != '-' || text[7] != '-' || !date.ok()) {
    reject(node, "holiday '" + text + "' must be a date YYYY-MM-DD");
  }
  return std::chrono::local_days{date};
}

BusinessCalendar read_calendar(const YAML::Node& node) {
  if (!node.IsMap()) reject(node, "a calendar must have a name, a time_zone and hours");
  BusinessCalendar calendar;
  calendar.name = require_string(node, "name");
  const std::string zone = require_string(node, "time_zone");
  try {
    calendar.zone = date::locate_zone(zone);
  } catch (const std::exception&) {
    reject(node["time_zone"], "unknown time zone '" + zone + "' (an IANA name such as Europe/Berlin)");
  }
  const YAML::Node hours = node["hours"];
  if (!hours || !hours.IsMap()) reject(node, "'hours' must map days to lists of working hours");
  std::array<bool, 7> listed{};
  for (const auto& entry : hours) {
    if (!entry.second.IsSequence()) reject(entry.second, "working hours must be a list such as [\"09:00-17:00\"]");
    std::vector<WorkingInterval> intervals;
    for (const auto& item : entry.second) intervals.push_back(read_interval(item));
    std::sort(intervals.begin(), intervals.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    for (std::size_t i = 1; i < intervals.size(); ++i) {
      if (intervals[i].start < intervals[i - 1].end) reject(entry.second, "working hours of a day must not overlap");
    }
    for (const unsigned day : read_days(entry.first)) {
      if (listed[day]) reject(entry.first, "'" + std::string(k_day_names[day]) + "' is given working hours twice");
      listed[day] = true;
      calendar.week[day] = intervals;
    }
  }
  if (const YAML::Node holidays = node["holidays"]) {
    if (!holidays.IsSequence()) reject(holidays, "'holidays' must be a list of dates");
    for (const auto& item : holidays) {
      const auto date = read_date(item);
      if (std::find(calendar.holidays.begin(), calendar.holidays.end(), date) != calendar.holidays.end()) {
        reject(item, "holiday '" + item.Scalar() + "' is listed twice");
      }
      calendar.holidays.push_back(date);
    }
    std::sort(calendar.holidays.begin(), calendar.holidays.end());
  }
  if (auto valid = validate_calendar(calendar); !valid) reject(node, valid.error().message);
  return calendar;
}

std::string require_calendar(const SlaPolicy& policy, const YAML::Node& node) {
  const std::string name = scalar(node, "a calendar");
  if (!policy.find_calendar(name)) reject(node, "unknown calendar '" + name + "'");
  return name;
}

std::optional<std::chrono::minutes> read_hours(const YAML::Node& row, std::string_view key) {
  const YAML::Node node = row[std::string(key)];
  if (!node) return std::nullopt;
  double hours = 0;
  try {
    hours = node.as<double>();
  } catch (const YAML::Exception&) {
    reject(node, "'" + std::string(key) + "' must be a number of hours");
  }
  if (!(hours > 0) || !std::isfinite(hours))
    reject(node, "'" + std::string(key) + "' must be a positive number of hours");
  return std::chrono::minutes{static_cast<std::int64_t>(std::llround(hours * 60))};
}

std::map<Severity, SlaTargets> read_targets(const SlaPolicy& policy, const YAML::Node& node) {
  if (!node.IsMap()) reject(node, "targets must map severities to {first_response_hours, resolution_hours}");
  std::map<Severity, SlaTargets> rows;
  for (const auto& entry : node) {
    const Severity severity = require_severity(entry.first);
    const YAML::Node& row = entry.second;
    if (!row.IsMap()) reject(row, "a target must be {first_response_hours: …, resolution_hours: …}");
    for (const auto& member : row) {
      const std::string key = member.first.Scalar();
      if (key != "first_response_hours" && key != "resolution_hours" && key != "calendar") {
        reject(member.first, "'" + key + "' is not one of first_response_hours, resolution_hours, calendar");
      }
    }
    SlaTargets targets;
    targets.first_response = read_hours(row, "first_response_hours");
    targets.resolution = read_hours(row, "resolution_hours");
    if (const YAML::Node calendar = row["calendar"]) targets.calendar = require_calendar(policy, calendar);
    rows[severity] = std::move(targets);
  }
  return rows;
}

SlaPolicy read_policy(const YAML::Node& root, const Catalog& catalog) {
  SlaPolicy policy;
  if (const YAML::Node calendars = root["calendars"]; calendars && !calendars.IsNull()) {
    if (!calendars.IsSequence()) reject(calendars, "'calendars' must be a list");
    for (const auto& node : calendars) {
      BusinessCalendar calendar = read_calendar(node);
      if (policy.find_calendar(calendar.name)) reject(node, "calendar '" + calendar.name + "' is defined twice");
      policy.calendars.push_back(std::move(calendar));
    }
  }
  const YAML::Node sla = root["sla"];
  if (!sla || sla.IsNull()) return policy;
  if (!sla.IsMap()) reject(sla, "'sla' must be a mapping");
  for (const auto& entry : sla) {
    const std::string key = entry.first.Scalar();
    if (key != "default_calendar" && key != "calendar_by_geography" && key != "calendar_by_team" && key != "targets" &&
        key != "issue_type_targets") {
      reject(entry.first, "'" + key + "' is not an sla setting");
    }
  }
  if (const YAML::Node node = sla["default_calendar"]) {
    policy.default_calendar = require_calendar(policy, node);
  } else if (!policy.calendars.empty()) {
    reject(sla, "'default_calendar' is required");
  }
  const auto read_map = [&](std::string_view key, auto check_key) {
    std::map<std::string, std::string, std::less<>> map;
    const YAML::Node node = sla[std::string(key)];
    if (!node || node.IsNull()) return map;
    if (!node.IsMap()) reject(node, "'" + std::string(key) + "' must map names to calendars");
    for (const auto& entry : node) {
      const std::string name = scalar(entry.first, "a name");
      check_key(entry.first, name);
      map[name] = require_calendar(policy, entry.second);
    }
    return map;
  };
  policy.calendar_by_geography = read_map("calendar_by_geography", [](const YAML::Node&, const std::string&) {});
  policy.calendar_by_team = read_map("calendar_by_team", [&](const YAML::Node& node, const std::string& team) {
    if (!catalog.has_team(team)) reject(node, "unknown team '" + team + "'");
  });
  if (const YAML::Node targets = sla["targets"]) policy.by_severity = read_targets(policy, targets);
  if (const YAML::Node types = sla["issue_type_targets"]; types && !types.IsNull()) {
    if (!types.IsMap()) reject(types, "'issue_type_targets' must map issue types to targets");
    for (const auto& entry : types) {
      const std::string type = scalar(entry.first, "an issue type");
      if (!catalog.find_issue_type(type)) reject(entry.first, "unknown issue type '" + type + "'");
      policy.by_issue_type[type] = read_targets(policy, entry.second);
    }
  }
  const bool has_targets = !policy.by_severity.empty() || !policy.by_issue_type.empty();
  if (has_targets && policy.calendars.empty()) reject(sla, "SLA targets need at least one calendar under 'calendars'");
  return policy;
}

}  // namespace

Result<SlaPolicy> sla_policy_from_yaml(const YAML::Node& root, const Catalog& catalog, std::string_view source) {
  const auto invalid = [&](int line, const std::string& message) {
    return fail(ErrorCode::invalid_argument,
                std::string(source) + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message);
  };
  try {
    SlaPolicy policy = read_policy(root, catalog);
    if (auto valid = validate_sla_policy(policy); !valid) return invalid(0, valid.error().message);
    return policy;
  } catch (const ConfigError& error) {
    return invalid(error.line, error.message);
  } catch (const YAML::Exception& error) {
    return invalid(error.mark.line + 1, error.msg);
  }
}

}  // namespace snag
