#pragma once
// What the configuration's section readers share. yaml-cpp reports bad documents by throwing;
// the readers turn a wrong shape into one exception type too, which the function that reads a
// section catches and reports with the line number (never beyond the config layer).

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include <snag/domain/severity.hpp>

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

// A whole number above zero that fits in `Number`, or nothing.
template <class Number = long>
std::optional<Number> parse_positive(std::string_view text) {
  Number value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace snag::config_yaml
