#pragma once
// Reads the catalog sections (roles, teams, workflows, issue_types, and through sla_yaml.hpp
// calendars and sla) of a YAML document.

#include <string_view>

#include <yaml-cpp/yaml.h>

#include <snag/domain/catalog.hpp>
#include <snag/util/error.hpp>

namespace snag {

// invalid_argument naming `source`, the line and what is wrong.
Result<Catalog> catalog_from_yaml(const YAML::Node& root, std::string_view source);

}  // namespace snag
