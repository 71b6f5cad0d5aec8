#pragma once
// The `synthetic:` section of the configuration (README "Synthetic monitoring"): whether Snag
// probes its own webhook path, how often, how long a probe's ticket may take, and the alert.

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>

namespace snag {

// Sets one key from its text; invalid_argument naming `where` (file and line, or the
// environment variable), the key and the problem: an unknown key, a duration that is not one
// (5m, 60s), a count that is not a positive whole number, an unknown issue type, team or severity.
Result<void> apply_synthetic_value(SyntheticPolicy& policy, const Catalog& catalog, const std::string& key,
                                   const std::string& value, std::string_view where);

// The section read over the defaults; an absent section keeps them.
Result<SyntheticPolicy> read_synthetic_section(const YAML::Node& section, const Catalog& catalog,
                                               std::string_view source);

}  // namespace snag
