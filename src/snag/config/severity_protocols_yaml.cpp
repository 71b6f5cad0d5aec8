#include <cstdint>

#include <snag/config/severity_protocols_yaml.hpp>
#include <snag/config/yaml_reading.hpp>

namespace snag {
namespace {

using config_yaml::reject;

std::chrono::minutes positive_minutes(const YAML::Node& row, std::string_view key) {
  const YAML::Node node = row[std::string(key)];
  if (!node || !node.IsScalar()) reject(row, "'" + std::string(key) + "' is required");
  try {
    const auto minutes = node.as<std::int64_t>();
    if (minutes > 0) return std::chrono::minutes{minutes};
  } catch (const YAML::Exception&) {
  }
  reject(node, "'" + std::string(key) + "' must be a positive number of minutes");
}

SeverityProtocol read_protocol(const YAML::Node& row) {
  if (!row.IsMap()) reject(row, "a severity protocol must be a map with a severity");
  SeverityProtocol protocol;
  const auto severity = parse_severity(config_yaml::require_string(row, "severity"));
  if (!severity) reject(row, "a severity must be sev1, sev2, sev3 or sev4");
  protocol.severity = *severity;
  if (const YAML::Node example = row["example"]; example && example.IsScalar()) protocol.example = example.Scalar();
  protocol.respond_within = positive_minutes(row, "respond_within_minutes");
  if (const YAML::Node every = row["update_every_minutes"]; every && !(every.IsScalar() && every.Scalar() == "none")) {
    protocol.update_every = positive_minutes(row, "update_every_minutes");
  }
  if (const YAML::Node notify = row["notify"]) {
    if (!notify.IsSequence()) reject(notify, "'notify' must list commander, role:CODE or user:NAME");
    for (const auto& entry : notify) {
      auto recipient = parse_protocol_recipient(entry.IsScalar() ? entry.Scalar() : "");
      if (!recipient) reject(entry, "'notify' entries are commander, role:CODE or user:NAME");
      protocol.notify.push_back(std::move(*recipient));
    }
  }
  if (const YAML::Node postmortem = row["postmortem_required"]) protocol.postmortem_required = postmortem.as<bool>();
  return protocol;
}

}  // namespace

std::vector<SeverityProtocol> read_severity_protocols(const YAML::Node& section) {
  if (!section || !section.IsSequence()) reject(section, "'severity_protocols' must list one protocol per severity");
  std::vector<SeverityProtocol> protocols;
  for (const auto& row : section) protocols.push_back(read_protocol(row));
  if (auto valid = validate_severity_protocols(protocols); !valid) reject(section, valid.error().message);
  return protocols;
}

}  // namespace snag
