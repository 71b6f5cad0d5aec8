#include <snag/domain/automation/rule.hpp>

#include <algorithm>

namespace snag {
namespace {

bool listens_to(const Rule& rule, AtsEventType type) {
  return rule.trigger == RuleTrigger::ats_event &&
         std::find(rule.events.begin(), rule.events.end(), type) != rule.events.end();
}

void add_label(std::vector<std::string>& labels, const std::string& label) {
  if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
}

// Applies a rule's routing actions; an explicit assignee and a strategy replace each other, so
// the last rule to speak about the assignee wins.
void apply_routing(const RuleAction& action, TicketRouting& routing) {
  switch (action.kind) {
    case RuleAction::Kind::set_team:
      routing.team = action.value;
      break;
    case RuleAction::Kind::set_assignee:
      routing.assignee = action.value;
      routing.assign.reset();
      break;
    case RuleAction::Kind::assign:
      routing.assign = action.strategy;
      routing.assign_role = action.role;
      routing.assignee.reset();
      break;
    case RuleAction::Kind::set_severity:
      routing.severity = action.severity;
      routing.severity_raise = 0;
      break;
    case RuleAction::Kind::escalate:
      routing.severity_raise += action.raise_by;
      break;
    case RuleAction::Kind::add_label:
      add_label(routing.labels, action.value);
      break;
    case RuleAction::Kind::notify:
    case RuleAction::Kind::create_ticket:
      break;
  }
}

// The facts of one evaluation of ticket rules: the values by slot, and the ticket facts that
// rules changed, owned here because the facts object itself is not rewritten.
struct RoutingFacts {
  FactValues values;
  std::vector<nlohmann::json> changed;  // by slot; null where no rule changed the fact
  TestMemo memo;                        // forgets what it knew of a fact that changes

  void set(const std::optional<std::size_t>& slot, nlohmann::json value) {
    if (!slot) return;
    changed[*slot] = std::move(value);
    values[*slot] = &changed[*slot];
    memo.forget(*slot);
  }
};

// Later rules see what earlier ones decided, as Zendesk's triggers see each other's changes.
void reflect(const RuleSet& rules, const RuleAction& action, RoutingFacts& facts) {
  switch (action.kind) {
    case RuleAction::Kind::set_team:
      facts.set(rules.team_slot, action.value);
      break;
    case RuleAction::Kind::set_assignee:
      facts.set(rules.assignee_slot, action.value);
      break;
    case RuleAction::Kind::set_severity:
      facts.set(rules.severity_slot, std::string(to_string(*action.severity)));
      break;
    case RuleAction::Kind::add_label: {
      if (!rules.labels_slot) break;
      const nlohmann::json* current = facts.values[*rules.labels_slot];
      nlohmann::json labels = current != nullptr && current->is_array() ? *current : nlohmann::json::array();
      if (std::find(labels.begin(), labels.end(), action.value) == labels.end()) labels.push_back(action.value);
      facts.set(rules.labels_slot, std::move(labels));
      break;
    }
    case RuleAction::Kind::assign:
    case RuleAction::Kind::create_ticket:
    case RuleAction::Kind::notify:
    case RuleAction::Kind::escalate:
      break;
  }
}

// A rule's actions on the routing; notify actions become requests named after the rule.
void apply_rule(const Rule& rule, TicketRouting& routing) {
  routing.rules.push_back(rule.name);
  for (const RuleAction& action : rule.actions) {
    apply_routing(action, routing);
    if (action.kind == RuleAction::Kind::notify) {
      routing.notifications.push_back({rule.name, action.value, action.recipients});
    }
  }
}

const std::vector<std::size_t>& listeners_of(const RuleSet& rules, AtsEventType type) {
  static const std::vector<std::size_t> none;
  const auto position = static_cast<std::size_t>(type);
  return position < rules.listeners.size() ? rules.listeners[position] : none;
}

// The tests indexed so far, for numbering equal ones alike.
using SeenTests = std::vector<const ConditionTest*>;

bool same_test(const ConditionTest& a, const ConditionTest& b) {
  return a.field.slot == b.field.slot && a.op == b.op && a.age == b.age && a.value == b.value;
}

void index_condition(Condition& condition, RuleSet& rules, SeenTests& seen) {
  for (Condition& child : condition.children) index_condition(child, rules, seen);
  if (condition.kind != Condition::Kind::test) return;
  ConditionTest& test = condition.test;
  FactPath& path = test.field;
  const auto known = std::find_if(rules.fact_paths.begin(), rules.fact_paths.end(),
                                  [&](const FactPath& other) { return other.text == path.text; });
  path.slot = static_cast<std::size_t>(known - rules.fact_paths.begin());
  if (known == rules.fact_paths.end()) rules.fact_paths.push_back(path);
  const auto same = std::find_if(seen.begin(), seen.end(), [&](const ConditionTest* other) { return same_test(*other, test); });
  test.id = static_cast<std::size_t>(same - seen.begin());
  if (same == seen.end()) seen.push_back(&test);
}

// Each distinct path once; what had to be built stays in `scratch` while the values are read.
FactValues resolve(const RuleSet& rules, const FactSource& facts, FactScratch& scratch) {
  FactValues values;
  values.reserve(rules.fact_paths.size());
  for (const FactPath& path : rules.fact_paths) values.push_back(resolve_fact(facts, path, scratch));
  return values;
}

}  // namespace

void index_fact_paths(RuleSet& rules) {
  rules.fact_paths.clear();
  SeenTests seen;
  for (Rule& rule : rules.rules) index_condition(rule.conditions, rules, seen);
  rules.conditions = CompiledConditions{};
  rules.roots.clear();
  for (const Rule& rule : rules.rules) rules.roots.push_back(rules.conditions.add(rule.conditions));
  rules.listeners.assign(k_all_ats_event_types.size(), {});
  for (std::size_t index = 0; index < rules.rules.size(); ++index) {
    for (const AtsEventType type : k_all_ats_event_types) {
      if (listens_to(rules.rules[index], type)) rules.listeners[static_cast<std::size_t>(type)].push_back(index);
    }
  }
  const auto slot_of = [&](std::string_view path) -> std::optional<std::size_t> {
    for (std::size_t slot = 0; slot < rules.fact_paths.size(); ++slot) {
      if (rules.fact_paths[slot].text == path) return slot;
    }
    return std::nullopt;
  };
  rules.team_slot = slot_of("ticket.team");
  rules.severity_slot = slot_of("ticket.severity");
  rules.assignee_slot = slot_of("ticket.assignee");
  rules.labels_slot = slot_of("ticket.labels");
}

bool any_rule_listens(const RuleSet& rules, AtsEventType type) {
  return !listeners_of(rules, type).empty();
}

std::vector<TicketToOpen> tickets_for_ats_event(const RuleSet& rules, AtsEventType type, const FactSource& facts,
                                                Timestamp now) {
  std::vector<TicketToOpen> tickets;
  FactScratch scratch;
  const FactValues values = resolve(rules, facts, scratch);
  TestMemo memo(rules.conditions.test_count(), rules.fact_paths.size());
  for (const std::size_t listener : listeners_of(rules, type)) {
    const Rule& rule = rules.rules[listener];
    if (!rules.conditions.holds(rules.roots[listener], values, now, memo)) continue;
    // A rule's routing actions apply to the tickets that the same rule opens.
    std::vector<std::size_t> opened_here;
    for (const RuleAction& action : rule.actions) {
      if (action.kind != RuleAction::Kind::create_ticket) continue;
      auto same_type = std::find_if(tickets.begin(), tickets.end(),
                                    [&](const TicketToOpen& ticket) { return ticket.issue_type == action.value; });
      if (same_type == tickets.end()) same_type = tickets.insert(tickets.end(), TicketToOpen{action.value, {}});
      const auto index = static_cast<std::size_t>(same_type - tickets.begin());
      if (std::find(opened_here.begin(), opened_here.end(), index) == opened_here.end()) opened_here.push_back(index);
    }
    for (const std::size_t index : opened_here) apply_rule(rule, tickets[index].routing);
  }
  return tickets;
}

bool any_rule_runs_on(const RuleSet& rules, RuleTrigger trigger) {
  return std::any_of(rules.rules.begin(), rules.rules.end(), [&](const Rule& rule) { return rule.trigger == trigger; });
}

TicketRouting ticket_rule_changes(const RuleSet& rules, RuleTrigger trigger, const FactSource& facts, Timestamp now) {
  TicketRouting routing;
  FactScratch scratch;
  RoutingFacts current{resolve(rules, facts, scratch), std::vector<nlohmann::json>(rules.fact_paths.size()),
                       TestMemo(rules.conditions.test_count(), rules.fact_paths.size())};
  for (std::size_t index = 0; index < rules.rules.size(); ++index) {
    const Rule& rule = rules.rules[index];
    if (rule.trigger != trigger || !rules.conditions.holds(rules.roots[index], current.values, now, current.memo)) {
      continue;
    }
    apply_rule(rule, routing);
    for (const RuleAction& action : rule.actions) reflect(rules, action, current);
  }
  return routing;
}

std::optional<TicketRouting> single_rule_changes(const RuleSet& rules, const Rule& rule, const FactSource& facts,
                                                 Timestamp now) {
  const auto index = static_cast<std::size_t>(&rule - rules.rules.data());
  FactScratch scratch;
  TestMemo memo(rules.conditions.test_count(), rules.fact_paths.size());
  if (!rules.conditions.holds(rules.roots.at(index), resolve(rules, facts, scratch), now, memo)) return std::nullopt;
  TicketRouting routing;
  apply_rule(rule, routing);
  return routing;
}

const Rule* find_rule(const RuleSet& rules, std::string_view name) {
  const auto found =
      std::find_if(rules.rules.begin(), rules.rules.end(), [&](const Rule& rule) { return rule.name == name; });
  return found == rules.rules.end() ? nullptr : &*found;
}

std::vector<NamedSlaPoint> sla_points_of(const RuleSet& rules) {
  std::vector<NamedSlaPoint> points;
  for (const Rule& rule : rules.rules) {
    if (rule.trigger == RuleTrigger::sla) points.push_back({rule.name, rule.sla_point});
  }
  return points;
}

TicketEdit routing_edit(const Ticket& ticket, const TicketRouting& routing) {
  TicketEdit edit;
  edit.team = routing.team;
  edit.severity = routing.severity;
  if (routing.severity_raise > 0) {
    // sev1 is the most severe: raising counts the level down towards it.
    const int level = static_cast<int>(routing.severity.value_or(ticket.severity));
    edit.severity = static_cast<Severity>(std::max(level - routing.severity_raise, static_cast<int>(Severity::sev1)));
  }
  if (routing.assignee) edit.assignee = std::optional<std::string>{*routing.assignee};
  if (!routing.labels.empty()) {
    std::vector<std::string> labels = ticket.labels;
    for (const std::string& label : routing.labels) add_label(labels, label);
    edit.labels = std::move(labels);
  }
  return edit;
}

}  // namespace snag
