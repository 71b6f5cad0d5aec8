#pragma once
// The catalog is the configured vocabulary of an org: teams, issue types, workflows and
// the SLA policy with its business calendars. It is loaded from config/ at start and read-only afterwards, so it may be
// shared between threads without locking.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/access/access_policy.hpp>
#include <snag/domain/incidents/severity_protocol.hpp>
#include <snag/domain/severity.hpp>
#include <snag/domain/sla/sla_policy.hpp>
#include <snag/domain/workflow.hpp>
#include <snag/util/error.hpp>

namespace snag {

struct Team {
  std::string code;  // recruitment, hris, compliance, legal, it_support
  std::string name;
  // The Slack-compatible incoming webhook of the team's channel, where notifications to the
  // team are posted too; empty: none. A secret: never logged or shown.
  std::string slack_webhook;
};

struct IssueType {
  std::string code;  // document_missing, …
  std::string name;
  std::string category;
  std::string default_team;
  Severity default_severity = Severity::sev3;
  std::string workflow;  // name of a workflow in the catalog
  bool deprecated = false;
  // The type a deprecated one was merged into: its open tickets move there (domain/taxonomy.hpp).
  std::optional<std::string> replaced_by;
  Sensitivity sensitivity = Sensitivity::normal;  // who may see its tickets (visibility.hpp)
};

struct Catalog {
  std::vector<RolePolicy> roles;  // the roles that credentials may carry, with their permissions
  std::vector<Team> teams;
  std::vector<IssueType> issue_types;
  std::vector<Workflow> workflows;
  SlaPolicy sla;
  std::vector<SeverityProtocol> severity_protocols;  // one per severity, for incidents

  const IssueType* find_issue_type(std::string_view code) const;
  const Workflow* find_workflow(std::string_view name) const;
  bool has_team(std::string_view code) const;
  const Team* find_team(std::string_view code) const;
  bool has_role(std::string_view code) const;
  const RolePolicy* find_role(std::string_view code) const;
  // REQUIRES: the catalog passed validate_catalog and `type` is one of its issue types.
  const Workflow& workflow_for(const IssueType& type) const;
  // Whether a ticket of the type in the status still needs work: neither done nor final in the
  // type's workflow. False for an unknown type.
  bool is_open(std::string_view type, std::string_view status) const;
  // The statuses in which a ticket is still being worked (neither done nor final) in some
  // workflow, each once: the list filter of the sweeps over open tickets.
  std::vector<std::string> open_statuses() const;
  // The issue types' categories, each once, in order of first use: what incidents group by.
  std::vector<std::string> incident_categories() const;
  // Every status of every workflow, for validating list filters.
  bool is_known_status(std::string_view status) const;
  // The severity's resolution target in business time, before any issue type's override.
  std::optional<std::chrono::minutes> resolution_target(Severity severity) const;
};

// Every reference inside the catalog resolves (default teams, workflows, the SLA policy's
// calendars, teams and issue types), codes are unique, and every workflow is well formed.
Result<void> validate_catalog(const Catalog& catalog);

}  // namespace snag
