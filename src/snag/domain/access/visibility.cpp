#include <snag/domain/access/visibility.hpp>

#include <algorithm>

namespace snag {

namespace {

const RolePolicy* role_of(const Catalog& catalog, const Actor& actor) { return catalog.find_role(actor.role); }

}  // namespace

bool allows(const Catalog& catalog, const Actor& actor, std::string_view permission) {
  const RolePolicy* role = role_of(catalog, actor);
  if (!role || role->permissions.count(std::string(permission)) == 0) return false;
  return !actor.scopes || actor.scopes->count(std::string(permission)) != 0;
}

Sensitivity sensitivity_of(const Catalog& catalog, std::string_view type) {
  const IssueType* issue_type = catalog.find_issue_type(type);
  return issue_type ? issue_type->sensitivity : Sensitivity::restricted;
}

std::optional<TicketScope> ticket_scope(const Catalog& catalog, const Actor& actor) {
  if (!allows(catalog, actor, permission::tickets_read)) return std::nullopt;
  const RolePolicy& role = *role_of(catalog, actor);
  TicketScope scope;
  if (role.clearance < Sensitivity::restricted) {
    scope.types.emplace();
    for (const auto& type : catalog.issue_types) {
      if (type.sensitivity <= role.clearance) scope.types->push_back(type.code);
    }
  }
  scope.every_team = role.cross_team_read;
  scope.team = actor.team;
  scope.principal = actor.name;
  return scope;
}

bool can_see(const Catalog& catalog, const Actor& actor, const Ticket& ticket) {
  if (!allows(catalog, actor, permission::tickets_read)) return false;
  const RolePolicy& role = *role_of(catalog, actor);
  if (sensitivity_of(catalog, ticket.type) > role.clearance) return false;
  if (role.cross_team_read) return true;
  if (actor.team && ticket.team == *actor.team) return true;
  if (ticket.reporter == actor.name) return true;
  if (ticket.assignee && *ticket.assignee == actor.name) return true;
  return std::find(ticket.watchers.begin(), ticket.watchers.end(), actor.name) != ticket.watchers.end();
}

}  // namespace snag
