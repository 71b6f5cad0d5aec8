#include <snag/config/catalog_yaml.hpp>
#include <snag/config/severity_protocols_yaml.hpp>
#include <snag/config/sla_yaml.hpp>
#include <snag/config/yaml_reading.hpp>

namespace snag {

namespace {

using config_yaml::ConfigError;
using config_yaml::reject;
using config_yaml::require_severity;
using config_yaml::require_string;

// By value (a node is a handle): callers loop over root["key"], a temporary that a returned
// reference would outlive. ASan in the fuzz build found that one.
YAML::Node require_sequence(const YAML::Node& node, std::string_view what) {
  if (!node.IsSequence()) reject(node, std::string(what) + " must be a list");
  return node;
}

std::vector<std::string> string_list(const YAML::Node& parent, std::string_view key) {
  std::vector<std::string> items;
  const YAML::Node node = parent[std::string(key)];
  if (!node) return items;
  for (const auto& item : require_sequence(node, key)) {
    if (!item.IsScalar()) reject(item, "'" + std::string(key) + "' must list names");
    items.push_back(item.Scalar());
  }
  return items;
}

Sensitivity require_sensitivity(const YAML::Node& node) {
  const auto sensitivity = parse_sensitivity(node.IsScalar() ? node.Scalar() : "");
  if (!sensitivity) reject(node, "a sensitivity must be normal, confidential or restricted");
  return *sensitivity;
}

Workflow read_workflow(const YAML::Node& node) {
  Workflow workflow;
  workflow.name = require_string(node, "name");
  workflow.statuses = string_list(node, "statuses");
  workflow.initial = require_string(node, "initial");
  workflow.done = string_list(node, "done");
  workflow.paused = string_list(node, "paused");
  if (const YAML::Node transitions = node["transitions"]) {
    for (const auto& transition : require_sequence(transitions, "transitions")) {
      workflow.transitions.push_back({require_string(transition, "from"), require_string(transition, "to")});
    }
  }
  if (auto valid = validate_workflow(workflow); !valid) reject(node, valid.error().message);
  return workflow;
}

Team read_team(const YAML::Node& node) {
  Team team{require_string(node, "code"), require_string(node, "name"), {}};
  if (const YAML::Node webhook = node["slack_webhook"]; webhook && !webhook.IsNull()) {
    if (!webhook.IsScalar()) reject(webhook, "slack_webhook must be a URL");
    team.slack_webhook = webhook.Scalar();
    if (!team.slack_webhook.empty() && !team.slack_webhook.starts_with("https://") &&
        !team.slack_webhook.starts_with("http://")) {
      reject(webhook, "slack_webhook must be an http:// or https:// URL");
    }
  }
  return team;
}

RolePolicy read_role(const YAML::Node& node) {
  RolePolicy role;
  role.code = require_string(node, "code");
  for (auto& permission : string_list(node, "permissions")) role.permissions.insert(std::move(permission));
  if (const YAML::Node cross_team = node["cross_team_read"]) role.cross_team_read = cross_team.as<bool>();
  if (const YAML::Node clearance = node["clearance"]) role.clearance = require_sensitivity(clearance);
  if (auto valid = validate_role(role); !valid) reject(node, valid.error().message);
  return role;
}

IssueType read_issue_type(const YAML::Node& node) {
  IssueType type;
  type.code = require_string(node, "code");
  type.name = require_string(node, "name");
  type.category = require_string(node, "category");
  type.default_team = require_string(node, "default_team");
  type.default_severity = require_severity(node["default_severity"]);
  type.workflow = require_string(node, "workflow");
  if (const YAML::Node deprecated = node["deprecated"]) type.deprecated = deprecated.as<bool>();
  if (const YAML::Node successor = node["replaced_by"]; successor && !successor.IsNull()) {
    type.replaced_by = require_string(node, "replaced_by");
  }
  if (const YAML::Node sensitivity = node["sensitivity"]) type.sensitivity = require_sensitivity(sensitivity);
  return type;
}

}  // namespace

Result<Catalog> catalog_from_yaml(const YAML::Node& root, std::string_view source) {
  const auto invalid = [&](int line, const std::string& message) {
    return fail(ErrorCode::invalid_argument,
                std::string(source) + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message);
  };
  try {
    Catalog catalog;
    for (const auto& role : require_sequence(root["roles"], "roles")) catalog.roles.push_back(read_role(role));
    for (const auto& team : require_sequence(root["teams"], "teams")) catalog.teams.push_back(read_team(team));
    for (const auto& workflow : require_sequence(root["workflows"], "workflows")) {
      catalog.workflows.push_back(read_workflow(workflow));
    }
    for (const auto& type : require_sequence(root["issue_types"], "issue_types")) {
      catalog.issue_types.push_back(read_issue_type(type));
    }
    // The SLA policy refers to teams and issue types: they are checked first.
    if (auto valid = validate_catalog(catalog); !valid) return invalid(0, valid.error().message);
    auto sla = sla_policy_from_yaml(root, catalog, source);
    if (!sla) return tl::unexpected(std::move(sla.error()));
    catalog.sla = std::move(*sla);
    // Without the section incidents run without targets; the shipped defaults always have it.
    if (const YAML::Node protocols = root["severity_protocols"]) {
      catalog.severity_protocols = read_severity_protocols(protocols);
    }
    if (auto valid = validate_catalog(catalog); !valid) return invalid(0, valid.error().message);
    return catalog;
  } catch (const ConfigError& error) {
    return invalid(error.line, error.message);
  } catch (const YAML::Exception& error) {
    return invalid(error.mark.line + 1, error.msg);
  }
}

}  // namespace snag
