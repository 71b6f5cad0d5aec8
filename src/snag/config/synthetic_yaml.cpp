#include <charconv>

#include <snag/config/synthetic_yaml.hpp>
#include <snag/domain/automation/condition.hpp>

namespace snag {

Result<void> apply_synthetic_value(SyntheticPolicy& policy, const Catalog& catalog, const std::string& key,
                                   const std::string& value, std::string_view where) {
  const auto bad = [&](const std::string& why) {
    return fail(ErrorCode::invalid_argument, std::string(where) + ": synthetic." + key + " " + why);
  };
  if (key == "enabled") {
    if (value != "true" && value != "false") return bad("must be true or false");
    policy.enabled = value == "true";
  } else if (key == "interval" || key == "threshold") {
    const auto duration = parse_rule_duration(value);
    if (!duration || duration->count() == 0) return bad("must be a duration such as 5m or 60s");
    (key == "interval" ? policy.interval : policy.threshold) = *duration;
  } else if (key == "alert_after") {
    int count = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), count);
    if (error != std::errc{} || end != value.data() + value.size() || count <= 0) {
      return bad("must be a positive whole number");
    }
    policy.alert_after = count;
  } else if (key == "alert_issue_type") {
    if (catalog.find_issue_type(value) == nullptr) return bad("names an unknown issue type '" + value + "'");
    policy.alert_issue_type = value;
  } else if (key == "alert_team") {
    if (!catalog.has_team(value)) return bad("names an unknown team '" + value + "'");
    policy.alert_team = value;
  } else if (key == "alert_severity") {
    const auto severity = parse_severity(value);
    if (!severity) return bad("must be sev1, sev2, sev3 or sev4");
    policy.alert_severity = *severity;
  } else {
    return bad(
        "is not a synthetic setting (enabled, interval, threshold, alert_after, alert_issue_type, alert_team, "
        "alert_severity)");
  }
  return {};
}

Result<SyntheticPolicy> read_synthetic_section(const YAML::Node& section, const Catalog& catalog,
                                               std::string_view source) {
  SyntheticPolicy policy;
  if (!section || section.IsNull()) return policy;
  const auto where = [&](const YAML::Node& node) {
    return std::string(source) + ":" + std::to_string(node.Mark().line + 1);
  };
  if (!section.IsMap()) {
    return fail(ErrorCode::invalid_argument, where(section) + ": synthetic must be a mapping");
  }
  for (const auto& entry : section) {
    const auto key = entry.first.as<std::string>();
    if (!entry.second.IsScalar()) {
      return fail(ErrorCode::invalid_argument, where(entry.second) + ": synthetic." + key + " must be a single value");
    }
    if (auto applied = apply_synthetic_value(policy, catalog, key, entry.second.Scalar(), where(entry.second));
        !applied) {
      return tl::unexpected(std::move(applied.error()));
    }
  }
  return policy;
}

}  // namespace snag
