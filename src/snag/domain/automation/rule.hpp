#pragma once
// Automation rules as data, in the model of Zendesk's triggers: when something happens (an ATS
// event, or a ticket being opened), rules whose conditions hold act, in the order they are
// written. The YAML form is read by config/rules_yaml.cpp; config/snag.default.yaml ships the
// rules that open tickets from ATS workflow blockers and route them.

#include <optional>
#include <string>
#include <vector>

#include <snag/domain/ats/ats_event.hpp>
#include <snag/domain/automation/condition.hpp>
#include <snag/domain/automation/facts.hpp>
#include <snag/domain/severity.hpp>
#include <snag/domain/sla/sla_policy.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {

// What a rule listens to. `ats_event`: normalised ATS events of the listed types (their facts:
// `event`, `candidate`). `ticket_created`: every ticket as it is opened, by a person, the API or
// another rule (its facts: `ticket`, `candidate`), which is where routing lives. `schedule`:
// every open ticket, at each automation sweep (its facts: `ticket`), as Zendesk's automations;
// its actions change a ticket only when they change something, so a rule whose condition
// stays true does not act again. `sla`: an open ticket reaching a point of its SLA clock (a
// share of the resolution target, the breach, or business time after it), once per ticket, at
// the SLA sweep (its facts: `ticket`); that is escalation, and suppression windows hold it back.
enum class RuleTrigger { ats_event, ticket_created, schedule, sla };

// How a rule that assigns picks a person of the ticket's team: `round_robin` gives the ticket to
// the member who has waited longest for one, `least_loaded` to the member with the fewest open
// tickets.
enum class AssignmentStrategy { round_robin, least_loaded };

// Whom a `notify` action tells: the ticket's assignee, its watchers, the members of its team, or
// the members of its team who have a role ("role:senior_recruiter"). Members who may not see the
// ticket are left out.
struct NotifyRecipient {
  enum class Kind { assignee, watchers, team, role };
  Kind kind = Kind::assignee;
  std::string role;  // Kind::role
  friend bool operator==(const NotifyRecipient&, const NotifyRecipient&) = default;
};

struct RuleAction {
  enum class Kind { create_ticket, set_team, set_assignee, assign, set_severity, add_label, notify, escalate };
  Kind kind = Kind::add_label;
  std::string value;  // the issue type, team, person or label; notify: the message
  std::optional<Severity> severity;
  std::optional<AssignmentStrategy> strategy;
  std::optional<std::string> role;         // assign: only members with this role
  std::vector<NotifyRecipient> recipients;  // notify
  int raise_by = 0;                         // escalate: severity levels
};

struct Rule {
  std::string name;  // unique; journal entries name the rules that acted
  std::string description;
  int line = 0;  // where the rule starts in its YAML source, for messages
  RuleTrigger trigger = RuleTrigger::ats_event;
  std::vector<AtsEventType> events;  // trigger ats_event: the event types it listens to
  SlaPoint sla_point;                // trigger sla: where on the clock it acts
  Condition conditions;
  std::vector<RuleAction> actions;
};

struct RuleSet {
  std::vector<Rule> rules;
  // Every distinct fact path the conditions read; a test's FactPath::slot indexes it.
  std::vector<FactPath> fact_paths;
  // Every rule's conditions as they are evaluated, and each rule's root in it (by rule index).
  CompiledConditions conditions;
  std::vector<std::uint32_t> roots;
  // By event type (its enum value): the indexes of the rules that listen
  // to it, in rule order, so that an event reads only its own rules.
  std::vector<std::vector<std::size_t>> listeners;
  // The slots of the ticket facts that routing actions change (ticket.team, …), so that a
  // later rule sees an earlier one's change without a lookup; nullopt when no rule reads it.
  std::optional<std::size_t> team_slot, severity_slot, assignee_slot, labels_slot;
};

// Numbers the fact paths of every rule's conditions (equal paths share a slot) and lists them
// in `fact_paths`, numbers the distinct tests (ConditionTest::id), compiles the conditions and
// lists each event type's listeners. Whoever builds a rule set calls it once, before evaluating
// it.
void index_fact_paths(RuleSet& rules);

// What a ticket-opening rule asks for beyond the issue type's defaults.
// A notify action of a rule that acted, to be resolved into people and sent.
struct NotificationRequest {
  std::string rule;
  std::string message;
  std::vector<NotifyRecipient> recipients;
};

struct TicketRouting {
  std::optional<std::string> team;
  std::optional<std::string> assignee;
  std::optional<AssignmentStrategy> assign;  // pick an assignee of the (final) team
  std::optional<std::string> assign_role;    // … among its members with this role
  std::optional<Severity> severity;
  int severity_raise = 0;  // escalate: levels above `severity` (or the ticket's), sev1 at most
  std::vector<std::string> labels;
  std::vector<NotificationRequest> notifications;
  std::vector<std::string> rules;  // the names of the rules that acted, in order
};

struct TicketToOpen {
  std::string issue_type;
  TicketRouting routing;
};

// Whether any rule listens to events of the type, so that callers build facts only when needed.
bool any_rule_listens(const RuleSet& rules, AtsEventType type);
bool any_rule_runs_on(const RuleSet& rules, RuleTrigger trigger);

// The tickets that the ATS event's rules open, one per issue type: the first rule that opens a
// type decides its routing, later ones add to it.
// `facts` names the event and, when known, the candidate.
std::vector<TicketToOpen> tickets_for_ats_event(const RuleSet& rules, AtsEventType type, const FactSource& facts,
                                                Timestamp now);

// What the rules of `trigger` (ticket_created or schedule) change on a ticket. `facts` names
// the ticket and, for ticket_created, the candidate; each rule sees the changes of the rules
// before it.
TicketRouting ticket_rule_changes(const RuleSet& rules, RuleTrigger trigger, const FactSource& facts, Timestamp now);

// What one rule changes on a ticket, when its conditions hold (for `sla` rules, which act one
// point at a time); nullopt when they do not. `facts` as for ticket_rule_changes. REQUIRES:
// `rule` is one of `rules.rules`.
std::optional<TicketRouting> single_rule_changes(const RuleSet& rules, const Rule& rule, const FactSource& facts,
                                                 Timestamp now);

// The rule named `name`, or nullptr.
const Rule* find_rule(const RuleSet& rules, std::string_view name);

// The escalation points of the `sla` rules, for SlaPolicy::escalation_points.
std::vector<NamedSlaPoint> sla_points_of(const RuleSet& rules);

// The edit that makes a ticket what the routing says (labels added to its own; the assign
// strategy is not an edit: TicketRouter resolves it).
TicketEdit routing_edit(const Ticket& ticket, const TicketRouting& routing);

}  // namespace snag
