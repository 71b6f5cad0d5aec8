#pragma once
// Reads the `severity_protocols:` section (domain/incidents/severity_protocol.hpp).

#include <vector>

#include <yaml-cpp/yaml.h>

#include <snag/domain/incidents/severity_protocol.hpp>

namespace snag {

// One protocol per severity. Throws config_yaml::ConfigError (config/yaml_reading.hpp) on a
// wrong shape: the catalog's reader reports it with its line.
std::vector<SeverityProtocol> read_severity_protocols(const YAML::Node& section);

}  // namespace snag
