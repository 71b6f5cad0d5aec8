#include <snag/config/retention_yaml.hpp>

#include <charconv>
#include <string>

namespace snag {
namespace {

std::optional<int> parse_days(const std::string& text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

Result<RetentionPolicy> read_retention_section(const YAML::Node& section, const Catalog& catalog,
                                               std::string_view source) {
  RetentionPolicy policy;
  if (!section || section.IsNull()) return policy;
  const auto bad = [&](const YAML::Node& node, const std::string& why) {
    return fail(ErrorCode::invalid_argument,
                std::string(source) + ":" + std::to_string(node.Mark().line + 1) + ": retention: " + why);
  };
  if (!section.IsSequence()) return bad(section, "must be a list of rules");
  for (const auto& node : section) {
    if (!node.IsMap()) return bad(node, "each rule is a mapping {issue_type, geography?, days_after_close?, days_after_purge?}");
    RetentionRule rule;
    for (const auto& entry : node) {
      const auto key = entry.first.as<std::string>();
      if (!entry.second.IsScalar()) return bad(entry.second, key + " must be a single value");
      const std::string value = entry.second.Scalar();
      if (key == "issue_type") {
        if (value != "*" && catalog.find_issue_type(value) == nullptr) {
          return bad(entry.second, "unknown issue type '" + value + "' (or \"*\" for every type)");
        }
        rule.issue_type = value;
      } else if (key == "geography") {
        if (value.empty()) return bad(entry.second, "geography must not be empty");
        rule.geography = value;
      } else if (key == "days_after_close" || key == "days_after_purge") {
        const auto days = parse_days(value);
        if (!days) return bad(entry.second, key + " must be a whole number of days from 0");
        (key == "days_after_close" ? rule.days_after_close : rule.days_after_purge) = *days;
      } else {
        return bad(entry.first, "'" + key + "' is not a retention key (issue_type, geography, days_after_close, "
                                           "days_after_purge)");
      }
    }
    if (rule.issue_type.empty()) return bad(node, "a rule needs an issue_type");
    if (!rule.days_after_close && !rule.days_after_purge) {
      return bad(node, "a rule needs days_after_close, days_after_purge or both");
    }
    policy.rules.push_back(std::move(rule));
  }
  return policy;
}

}  // namespace snag
