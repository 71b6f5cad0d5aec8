#pragma once
// The `ats:` section of the configuration (see config/snag.default.yaml).

#include <string_view>

#include <yaml-cpp/yaml.h>

#include <snag/domain/ats/ats_policy.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>

namespace snag {

// invalid_argument naming the line and the key when a value is not valid, including an issue
// type or team the catalog does not have.
Result<AtsPolicy> read_ats_section(const YAML::Node& section, const Catalog& catalog, std::string_view source);

}  // namespace snag
