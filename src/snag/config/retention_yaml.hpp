#pragma once
// The `retention:` section of the configuration (domain/compliance/retention.hpp, README
// "Retention"): a list of rules, the first that matches a ticket deciding.

#include <string_view>

#include <yaml-cpp/yaml.h>

#include <snag/domain/catalog.hpp>
#include <snag/domain/compliance/retention.hpp>
#include <snag/util/error.hpp>

namespace snag {

// invalid_argument naming the file, the line and the problem: an unknown issue type or key, a
// day count that is not a whole number from 0, or a rule with neither limit.
Result<RetentionPolicy> read_retention_section(const YAML::Node& section, const Catalog& catalog,
                                               std::string_view source);

}  // namespace snag
