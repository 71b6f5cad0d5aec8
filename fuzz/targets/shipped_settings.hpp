#pragma once
// The shipped configuration (config/snag.default.yaml, compiled in), parsed once per process.

#include <stdexcept>

#include <snag/config/settings.hpp>

namespace snag::fuzz {

inline const Settings& shipped_settings() {
  static const Settings settings = [] {
    auto parsed = parse_settings("", "defaults", {});
    if (!parsed) throw std::runtime_error(parsed.error().message);
    return std::move(*parsed);
  }();
  return settings;
}

}  // namespace snag::fuzz
