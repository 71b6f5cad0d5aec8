#pragma once
// What the configuration's section readers share. yaml-cpp reports bad documents by throwing;
// the readers turn a wrong shape into one exception type too, which the function that reads a
// section catches and reports with the line number (never beyond the config layer).

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

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

}  // namespace snag::config_yaml
