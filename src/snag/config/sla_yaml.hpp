#pragma once
// Reads the `calendars:` and `sla:` sections: business calendars (their time zones resolved
// here, once) and the SLA policy.

#include <string_view>

#include <yaml-cpp/yaml.h>

#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>

namespace snag {

// The policy, checked against the catalog's teams and issue types, or invalid_argument naming
// `source`, the line and what is wrong. Missing sections give an empty policy (no due times).
Result<SlaPolicy> sla_policy_from_yaml(const YAML::Node& root, const Catalog& catalog, std::string_view source);

}  // namespace snag
