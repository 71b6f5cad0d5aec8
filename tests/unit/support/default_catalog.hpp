#pragma once
// The shipped catalog (config/snag.default.yaml), for tests of rules that read it.

#include <stdexcept>

#include <snag/config/settings.hpp>

namespace snag::testing {

inline const Catalog& default_catalog() {
  static const Catalog catalog = [] {
    auto settings = parse_settings("", "defaults", {});
    if (!settings) throw std::runtime_error(settings.error().message);
    return settings->catalog;
  }();
  return catalog;
}

}  // namespace snag::testing
