#include <snag/domain/catalog.hpp>

#include <algorithm>
#include <set>

namespace snag {

const IssueType* Catalog::find_issue_type(std::string_view code) const {
  const auto it = std::find_if(issue_types.begin(), issue_types.end(), [&](const IssueType& t) { return t.code == code; });
  return it == issue_types.end() ? nullptr : &*it;
}

const Workflow* Catalog::find_workflow(std::string_view name) const {
  const auto it = std::find_if(workflows.begin(), workflows.end(), [&](const Workflow& w) { return w.name == name; });
  return it == workflows.end() ? nullptr : &*it;
}

bool Catalog::has_team(std::string_view code) const { return find_team(code) != nullptr; }

const Team* Catalog::find_team(std::string_view code) const {
  const auto found = std::find_if(teams.begin(), teams.end(), [&](const Team& t) { return t.code == code; });
  return found == teams.end() ? nullptr : &*found;
}

bool Catalog::has_role(std::string_view code) const { return find_role(code) != nullptr; }

const RolePolicy* Catalog::find_role(std::string_view code) const {
  const auto found = std::find_if(roles.begin(), roles.end(), [&](const RolePolicy& role) { return role.code == code; });
  return found == roles.end() ? nullptr : &*found;
}

const Workflow& Catalog::workflow_for(const IssueType& type) const { return *find_workflow(type.workflow); }

bool Catalog::is_open(std::string_view type, std::string_view status) const {
  const IssueType* issue_type = find_issue_type(type);
  if (issue_type == nullptr) return false;
  const Workflow& workflow = workflow_for(*issue_type);
  return !workflow.is_done(status) && !workflow.is_final(status);
}

std::vector<std::string> Catalog::open_statuses() const {
  std::vector<std::string> statuses;
  for (const Workflow& workflow : workflows) {
    for (const std::string& status : workflow.statuses) {
      if (workflow.is_done(status) || workflow.is_final(status)) continue;
      if (std::find(statuses.begin(), statuses.end(), status) == statuses.end()) statuses.push_back(status);
    }
  }
  return statuses;
}

std::vector<std::string> Catalog::incident_categories() const {
  std::vector<std::string> categories;
  for (const IssueType& type : issue_types) {
    if (std::find(categories.begin(), categories.end(), type.category) == categories.end()) {
      categories.push_back(type.category);
    }
  }
  return categories;
}

bool Catalog::is_known_status(std::string_view status) const {
  return std::any_of(workflows.begin(), workflows.end(), [&](const Workflow& w) { return w.has_status(status); });
}

std::optional<std::chrono::minutes> Catalog::resolution_target(Severity severity) const {
  const auto it = sla.by_severity.find(severity);
  if (it == sla.by_severity.end()) return std::nullopt;
  return it->second.resolution;
}

Result<void> validate_catalog(const Catalog& catalog) {
  const auto invalid = [](std::string why) { return fail(ErrorCode::invalid_argument, std::move(why)); };
  if (catalog.roles.empty()) return invalid("the catalog has no roles");
  if (catalog.teams.empty()) return invalid("the catalog has no teams");
  if (catalog.issue_types.empty()) return invalid("the catalog has no issue types");
  std::set<std::string> codes;
  for (const auto& role : catalog.roles) {
    if (auto valid = validate_role(role); !valid) return valid;
    if (!codes.insert(role.code).second) return invalid("role '" + role.code + "' is defined twice");
  }
  codes.clear();
  for (const auto& team : catalog.teams) {
    if (team.code.empty()) return invalid("a team has no code");
    if (!codes.insert(team.code).second) return invalid("team '" + team.code + "' is defined twice");
  }
  codes.clear();
  for (const auto& workflow : catalog.workflows) {
    if (auto valid = validate_workflow(workflow); !valid) return valid;
    if (!codes.insert(workflow.name).second) return invalid("workflow '" + workflow.name + "' is defined twice");
  }
  codes.clear();
  for (const auto& type : catalog.issue_types) {
    if (type.code.empty()) return invalid("an issue type has no code");
    if (!codes.insert(type.code).second) return invalid("issue type '" + type.code + "' is defined twice");
    if (!catalog.has_team(type.default_team)) {
      return invalid("issue type '" + type.code + "': default team '" + type.default_team + "' is unknown");
    }
    if (!catalog.find_workflow(type.workflow)) {
      return invalid("issue type '" + type.code + "': workflow '" + type.workflow + "' is unknown");
    }
  }
  for (const auto& type : catalog.issue_types) {
    if (!type.replaced_by) continue;
    const IssueType* successor = catalog.find_issue_type(*type.replaced_by);
    if (!type.deprecated) return invalid("issue type '" + type.code + "': only a deprecated type is replaced_by another");
    if (successor == nullptr || successor->deprecated) {
      return invalid("issue type '" + type.code + "': replaced_by '" + *type.replaced_by +
                     "' must be an issue type that is not deprecated");
    }
  }
  if (auto valid = validate_sla_policy(catalog.sla); !valid) return valid;
  for (const auto& [team, calendar] : catalog.sla.calendar_by_team) {
    if (!catalog.has_team(team)) return invalid("sla: team '" + team + "' is unknown");
  }
  for (const auto& [type, targets] : catalog.sla.by_issue_type) {
    if (!catalog.find_issue_type(type)) return invalid("sla: issue type '" + type + "' is unknown");
  }
  return {};
}

}  // namespace snag
