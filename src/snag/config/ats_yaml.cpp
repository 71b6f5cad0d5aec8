#include <string>

#include <snag/config/ats_yaml.hpp>
#include <snag/config/yaml_reading.hpp>

namespace snag {

Result<AtsPolicy> read_ats_section(const YAML::Node& section, const Catalog& catalog, std::string_view source) {
  AtsPolicy policy;
  if (!section) return policy;
  const auto bad = [&](const YAML::Node& node, const std::string& why) {
    return fail(ErrorCode::invalid_argument,
                std::string(source) + ":" + std::to_string(node.Mark().line + 1) + ": ats." + why);
  };
  if (!section.IsMap()) return bad(section, " must be a mapping");
  for (const auto& entry : section) {
    const auto key = entry.first.as<std::string>();
    const YAML::Node& value = entry.second;
    if (key == "tickets_on") {
      return bad(entry.first, "tickets_on was replaced by rules (see `rules:` in config/snag.default.yaml)");
    }
    if (!value.IsScalar()) return bad(value, key + " must be a value");
    const auto text = value.as<std::string>();
    if (key == "mismatch_issue_type" || key == "mismatch_team") {
      if (key == "mismatch_issue_type" && catalog.find_issue_type(text) == nullptr) {
        return bad(value, key + ": unknown issue type " + text);
      }
      if (key == "mismatch_team" && !catalog.has_team(text)) return bad(value, key + ": unknown team " + text);
      (key == "mismatch_issue_type" ? policy.mismatch_issue_type : policy.mismatch_team) = text;
      continue;
    }
    const auto number = config_yaml::parse_positive(text);
    if (!number) return bad(value, key + " must be a positive whole number");
    if (key == "max_attempts") {
      policy.max_attempts = static_cast<int>(*number);
    } else if (key == "retry_base_seconds") {
      policy.retry_base = std::chrono::seconds{*number};
    } else if (key == "retry_max_seconds") {
      policy.retry_max = std::chrono::seconds{*number};
    } else if (key == "mismatch_ticket_after_hours") {
      policy.mismatch_ticket_after = std::chrono::hours{*number};
    } else if (key == "sync_every_minutes") {
      policy.sync_every = std::chrono::minutes{*number};
    } else if (key == "reconcile_every_minutes") {
      policy.reconcile_every = std::chrono::minutes{*number};
    } else if (key == "interview_notice_hours") {
      policy.interview_notice_horizon = std::chrono::hours{*number};
    } else {
      return bad(entry.first, key + " is not an ats setting");
    }
  }
  return policy;
}

}  // namespace snag
