#pragma once
// What the configuration's section readers share. yaml-cpp reports bad documents by throwing;
// the readers turn a wrong shape into one exception type too, which the function that reads a
// section catches and reports with the line number (never beyond the config layer).

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <snag/domain/severity.hpp>
#include <snag/util/text.hpp>

namespace snag::config_yaml {

struct ConfigError {
  int line;
  std::string message;
};

[[noreturn]] inline void reject(const YAML::Node& node, std::string message) {
  throw ConfigError{node.Mark().line + 1, std::move(message)};
}

// The non-empty scalar under `key`; a missing one is reported at its parent's line.
inline std::string require_string(const YAML::Node& parent, std::string_view key) {
  const YAML::Node node = parent[std::string(key)];
  if (!node || !node.IsScalar() || node.Scalar().empty()) reject(parent, "'" + std::string(key) + "' is required");
  return node.Scalar();
}

// The severity `node` names.
inline Severity require_severity(const YAML::Node& node) {
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  const auto severity = parse_severity(text);
  if (!severity) reject(node, "unknown severity '" + text + "' (sev1 to sev4)");
  return *severity;
}

// The items of a comma list ("a, b,c"), blanks trimmed, empty items dropped: how a setting that
// an environment variable may also give lists several values.
inline std::vector<std::string_view> comma_list(std::string_view text) {
  std::vector<std::string_view> items;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = trim_blanks(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

// A whole number above zero that fits in `Number`, or nothing.
template <class Number = long>
std::optional<Number> parse_positive(std::string_view text) {
  Number value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace snag::config_yaml
