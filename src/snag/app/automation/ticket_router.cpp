#include <snag/app/automation/ticket_router.hpp>

#include <algorithm>

#include <snag/domain/access/access_policy.hpp>
#include <snag/domain/access/visibility.hpp>
#include <snag/domain/automation/facts.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {
namespace {

// Folds the routing of an ATS rule and of the ticket_created rules into one decision: the later
// one speaks last about each field.
void merge_routing(TicketRouting& into, const TicketRouting& later) {
  if (later.team) into.team = later.team;
  if (later.severity) into.severity = later.severity;
  into.severity_raise += later.severity_raise;
  if (later.assignee || later.assign) {
    into.assignee = later.assignee;
    into.assign = later.assign;
    into.assign_role = later.assign_role;
  }
  into.notifications.insert(into.notifications.end(), later.notifications.begin(), later.notifications.end());
  for (const std::string& label : later.labels) {
    if (std::find(into.labels.begin(), into.labels.end(), label) == into.labels.end()) into.labels.push_back(label);
  }
  into.rules.insert(into.rules.end(), later.rules.begin(), later.rules.end());
}

}  // namespace

TicketRouter::TicketRouter(const Catalog& catalog, const RuleBook& rules) : m_catalog(catalog), m_rules(rules) {}

Result<RoutedTicket> TicketRouter::route(WriteTransaction& tx, Ticket ticket, const TicketRouting& extra,
                                         Timestamp now, const CandidateLookup& known) const {
  TicketRouting routing = extra;
  const auto rules = m_rules.current();
  if (any_rule_runs_on(*rules, RuleTrigger::ticket_created)) {
    std::optional<Candidate> candidate = known.value_or(std::nullopt);
    if (ticket.candidate && !known) {
      auto found = tx.find_candidate(*ticket.candidate);
      if (!found) return tl::unexpected(std::move(found.error()));
      candidate = std::move(*found);
    }
    // The rules see the ticket as the ATS rule left it.
    Ticket before_rules = ticket;
    if (auto edited = edit_ticket(m_catalog, ticket, routing_edit(ticket, extra), now); edited) before_rules = *edited;
    merge_routing(routing, ticket_rule_changes(*rules, RuleTrigger::ticket_created,
                                               fact_source(nullptr, &before_rules, candidate), now));
  }
  if (routing.rules.empty()) return RoutedTicket{std::move(ticket), {}, {}};
  // Whoever opened the ticket and named an assignee chose them; rules do not overrule that.
  if (ticket.assignee) {
    routing.assignee.reset();
    routing.assign.reset();
  }

  const std::int64_t version = ticket.version;
  auto routed = edit_ticket(m_catalog, ticket, routing_edit(ticket, routing), now);
  if (!routed) return tl::unexpected(std::move(routed.error()));
  if (routing.assign) {
    auto assignee = pick_assignee(tx, *routed, *routing.assign, routing.assign_role);
    if (!assignee) return tl::unexpected(std::move(assignee.error()));
    routed->assignee = std::move(*assignee);
  }
  // Routing is part of opening the ticket, not a change after it.
  routed->version = version;
  routed->updated_at = ticket.updated_at;
  return RoutedTicket{std::move(*routed), std::move(routing.rules), std::move(routing.notifications)};
}

Result<std::optional<RoutedTicket>> TicketRouter::reroute(WriteTransaction& tx, const Ticket& ticket,
                                                          Timestamp now) const {
  const auto rules = m_rules.current();
  if (!ticket.candidate || !any_rule_runs_on(*rules, RuleTrigger::ticket_created)) return std::nullopt;
  auto candidate = tx.find_candidate(*ticket.candidate);
  if (!candidate) return tl::unexpected(std::move(candidate.error()));
  TicketRouting routing =
      ticket_rule_changes(*rules, RuleTrigger::ticket_created, fact_source(nullptr, &ticket, *candidate), now);
  if (routing.rules.empty()) return std::nullopt;
  // An assignee is chosen once, when the ticket is opened; a ticket someone took keeps them.
  // Likewise notifying and escalating: they happened when it was opened.
  routing.assign.reset();
  routing.severity_raise = 0;
  if (ticket.assignee) routing.assignee.reset();
  auto after = edit_ticket(m_catalog, ticket, routing_edit(ticket, routing), now);
  if (!after) return tl::unexpected(std::move(after.error()));
  if (after->version == ticket.version) return std::nullopt;
  return RoutedTicket{std::move(*after), std::move(routing.rules), {}};
}

Result<std::optional<std::string>> TicketRouter::pick_assignee(WriteTransaction& tx, const Ticket& ticket,
                                                               AssignmentStrategy strategy,
                                                               const std::optional<std::string>& role) const {
  auto members = tx.team_workload(ticket.team);
  if (!members) return tl::unexpected(std::move(members.error()));
  const TeamMemberLoad* chosen = nullptr;
  for (const TeamMemberLoad& member : *members) {
    if (role && member.role != *role) continue;
    Actor actor;
    actor.name = member.username;
    actor.role = member.role;
    actor.team = ticket.team;
    Ticket assigned = ticket;
    assigned.assignee = member.username;
    if (!allows(m_catalog, actor, permission::tickets_write) || !can_see(m_catalog, actor, assigned)) continue;
    const bool better =
        chosen == nullptr ||
        (strategy == AssignmentStrategy::least_loaded
             ? member.open_tickets < chosen->open_tickets
             : member.last_assigned.value_or(TicketId{0}).value < chosen->last_assigned.value_or(TicketId{0}).value);
    if (better) chosen = &member;
  }
  if (chosen == nullptr) return std::optional<std::string>{};
  return std::optional<std::string>{chosen->username};
}

const RuleBook& no_rules() {
  static const RuleBook empty{RuleSet{}};
  return empty;
}

}  // namespace snag
