#include <snag/config/rules_yaml.hpp>
#include <snag/config/yaml_reading.hpp>

#include <algorithm>
#include <charconv>
#include <set>

namespace snag {
namespace {

using config_yaml::ConfigError;
using config_yaml::reject;

std::string require_scalar(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar() || node.Scalar().empty()) reject(node, std::string(what) + " must be a value");
  return node.Scalar();
}

// A missing member has no position of its own: the message points at its parent.
std::string require_member(const YAML::Node& parent, const char* key, std::string_view what) {
  const YAML::Node node = parent[key];
  if (!node) reject(parent, std::string(what) + " is required");
  return require_scalar(node, what);
}

// A plain YAML scalar becomes a number or boolean when it reads as one, so that `gt: 3` compares
// numbers; a quoted one stays text.
nlohmann::json scalar_json(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;
  if (text == "true") return true;
  if (text == "false") return false;
  if (text == "null" || text == "~") return nullptr;
  long long integer = 0;
  if (auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
      error == std::errc{} && end == text.data() + text.size()) {
    return integer;
  }
  double number = 0;
  if (auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      error == std::errc{} && end == text.data() + text.size()) {
    return number;
  }
  return text;
}

class RuleReader {
 public:
  explicit RuleReader(const Catalog& catalog) : m_catalog(catalog) {}

  Rule read(const YAML::Node& node) {
    if (!node.IsMap()) reject(node, "a rule must be a mapping with name, when, if and then");
    Rule rule;
    rule.line = node.Mark().line + 1;
    rule.name = require_member(node, "name", "'name'");
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>();
      if (key != "name" && key != "description" && key != "when" && key != "if" && key != "then") {
        reject(entry.first, "'" + key + "' is not part of a rule (name, description, when, if, then)");
      }
    }
    if (const YAML::Node description = node["description"]) rule.description = require_scalar(description, "'description'");
    read_trigger(node["when"], rule, node);
    if (const YAML::Node conditions = node["if"]) rule.conditions = read_condition(conditions, rule);
    const YAML::Node actions = node["then"];
    if (!actions || !actions.IsSequence() || actions.size() == 0) reject(node, "'then' must list at least one action");
    for (const auto& action : actions) rule.actions.push_back(read_action(action, rule));
    check_actions(rule, actions);
    return rule;
  }

 private:
  void read_trigger(const YAML::Node& when, Rule& rule, const YAML::Node& node) {
    if (!when) reject(node, "'when' is required: ticket_created, schedule, or {ats_event: [event types]}");
    if (when.IsScalar() && (when.Scalar() == "ticket_created" || when.Scalar() == "schedule")) {
      rule.trigger = when.Scalar() == "schedule" ? RuleTrigger::schedule : RuleTrigger::ticket_created;
      return;
    }
    const YAML::Node events = when.IsMap() ? when["ats_event"] : YAML::Node{};
    if (!events || when.size() != 1) {
      reject(when, "'when' must be ticket_created, schedule or {ats_event: [event types]}");
    }
    rule.trigger = RuleTrigger::ats_event;
    const auto add = [&](const YAML::Node& item) {
      const std::string name = require_scalar(item, "an event type");
      const auto type = parse_ats_event_type(name);
      if (!type || *type == AtsEventType::recorded) reject(item, "'" + name + "' is not an ATS event type");
      rule.events.push_back(*type);
    };
    if (events.IsSequence()) {
      for (const auto& item : events) add(item);
    } else {
      add(events);
    }
    if (rule.events.empty()) reject(when, "ats_event must name at least one event type");
  }

  Condition read_condition(const YAML::Node& node, const Rule& rule) {
    if (!node.IsMap()) reject(node, "a condition must be {all: […]}, {any: […]}, {not: …} or {field: …, <operator>: …}");
    if (node.size() == 1 && (node["all"] || node["any"])) {
      const bool all = static_cast<bool>(node["all"]);
      const YAML::Node children = node[all ? "all" : "any"];
      if (!children.IsSequence()) reject(children, std::string(all ? "all" : "any") + " must list conditions");
      Condition group;
      group.kind = all ? Condition::Kind::all : Condition::Kind::any;
      for (const auto& child : children) group.children.push_back(read_condition(child, rule));
      return group;
    }
    if (node.size() == 1 && node["not"]) {
      Condition negation;
      negation.kind = Condition::Kind::negation;
      negation.children.push_back(read_condition(node["not"], rule));
      return negation;
    }
    return read_test(node, rule);
  }

  Condition read_test(const YAML::Node& node, const Rule& rule) {
    const std::string field = require_member(node, "field", "a condition's 'field'");
    auto path = parse_fact_path(field);
    if (!path) reject(node["field"], "'" + field + "' is not a dotted field path");
    check_fact_root(*path, rule, node["field"]);
    if (node.size() != 2) reject(node, "a condition names its field and exactly one operator");
    Condition condition;
    condition.kind = Condition::Kind::test;
    condition.test.field = std::move(*path);
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>();
      if (key == "field") continue;
      const auto op = parse_condition_operator(key);
      if (!op) reject(entry.first, "'" + key + "' is not an operator (eq, ne, in, not_in, gt, lt, contains, exists, older_than)");
      condition.test.op = *op;
      read_operand(entry.second, condition.test);
    }
    return condition;
  }

  static void read_operand(const YAML::Node& value, ConditionTest& test) {
    const std::string op(to_string(test.op));
    switch (test.op) {
      case ConditionOperator::in:
      case ConditionOperator::not_in:
        if (!value.IsSequence()) reject(value, op + " takes a list of values");
        test.value = nlohmann::json::array();
        for (const auto& item : value) {
          if (!item.IsScalar()) reject(item, op + " takes a list of values");
          test.value.push_back(scalar_json(item));
        }
        return;
      case ConditionOperator::exists:
        if (!value.IsScalar() || (value.Scalar() != "true" && value.Scalar() != "false")) {
          reject(value, "exists takes true or false");
        }
        test.value = value.Scalar() == "true";
        return;
      case ConditionOperator::older_than: {
        const auto age = value.IsScalar() ? parse_rule_duration(value.Scalar()) : std::nullopt;
        if (!age) reject(value, "older_than takes a duration such as 7d, 36h or 90m");
        test.age = *age;
        return;
      }
      default:
        if (!value.IsScalar()) reject(value, op + " takes a single value");
        test.value = scalar_json(value);
        return;
    }
  }

  // The sweep reads every open ticket, so a schedule rule reads the ticket alone: the candidate
  // would cost a read per ticket.
  static void check_fact_root(const FactPath& path, const Rule& rule, const YAML::Node& node) {
    const std::string& root = path.segments.front();
    switch (rule.trigger) {
      case RuleTrigger::ats_event:
        if (root != "event" && root != "candidate") reject(node, "'" + path.text + "': an ats_event rule reads event.* and candidate.*");
        return;
      case RuleTrigger::ticket_created:
        if (root != "ticket" && root != "candidate") reject(node, "'" + path.text + "': a ticket_created rule reads ticket.* and candidate.*");
        return;
      case RuleTrigger::schedule:
        if (root != "ticket") reject(node, "'" + path.text + "': a schedule rule reads ticket.*");
        return;
    }
  }

  RuleAction read_action(const YAML::Node& node, const Rule& rule) {
    if (!node.IsMap() || node.size() != 1) {
      reject(node, "an action is one of {create_ticket: type}, {set_team: team}, {set_assignee: person}, "
                   "{assign: round_robin|least_loaded}, {set_severity: sevN}, {add_label: label}");
    }
    const auto entry = *node.begin();
    const std::string kind = entry.first.as<std::string>();
    const std::string value = require_scalar(entry.second, "'" + kind + "'");
    RuleAction action;
    action.value = value;
    if (kind == "create_ticket") {
      if (rule.trigger != RuleTrigger::ats_event) reject(node, "create_ticket is for ats_event rules");
      if (m_catalog.find_issue_type(value) == nullptr) reject(entry.second, "unknown issue type '" + value + "'");
      action.kind = RuleAction::Kind::create_ticket;
    } else if (kind == "set_team") {
      if (!m_catalog.has_team(value)) reject(entry.second, "unknown team '" + value + "'");
      action.kind = RuleAction::Kind::set_team;
    } else if (kind == "set_assignee") {
      action.kind = RuleAction::Kind::set_assignee;
    } else if (kind == "assign") {
      if (rule.trigger == RuleTrigger::schedule) reject(node, "assign is for ats_event and ticket_created rules");
      action.kind = RuleAction::Kind::assign;
      if (value == "round_robin") {
        action.strategy = AssignmentStrategy::round_robin;
      } else if (value == "least_loaded") {
        action.strategy = AssignmentStrategy::least_loaded;
      } else {
        reject(entry.second, "assign takes round_robin or least_loaded");
      }
    } else if (kind == "set_severity") {
      action.severity = parse_severity(value);
      if (!action.severity) reject(entry.second, "a severity must be sev1, sev2, sev3 or sev4");
      action.kind = RuleAction::Kind::set_severity;
    } else if (kind == "add_label") {
      action.kind = RuleAction::Kind::add_label;
    } else {
      reject(entry.first, "'" + kind + "' is not an action (create_ticket, set_team, set_assignee, assign, "
                                       "set_severity, add_label)");
    }
    return action;
  }

  // An ats_event rule acts only through the tickets it opens.
  static void check_actions(const Rule& rule, const YAML::Node& actions) {
    const bool opens = std::any_of(rule.actions.begin(), rule.actions.end(),
                                   [](const RuleAction& action) { return action.kind == RuleAction::Kind::create_ticket; });
    if (rule.trigger == RuleTrigger::ats_event && !opens) {
      reject(actions, "an ats_event rule must open a ticket (create_ticket); route tickets in ticket_created rules");
    }
  }

  const Catalog& m_catalog;
};

}  // namespace

Result<RuleSet> read_rules_section(const YAML::Node& section, const Catalog& catalog, std::string_view source) {
  RuleSet rules;
  if (!section || section.IsNull()) return rules;
  const auto failure = [&](int line, const std::string& rule, const std::string& message) {
    return fail(ErrorCode::invalid_argument, std::string(source) + ":" + std::to_string(line) + ": " +
                                                 (rule.empty() ? "" : "rule '" + rule + "': ") + message);
  };
  if (!section.IsSequence()) return failure(section.Mark().line + 1, "", "rules must be a list of rules");
  RuleReader reader(catalog);
  std::set<std::string> names;
  for (const auto& node : section) {
    const YAML::Node name = node.IsMap() ? node["name"] : YAML::Node{};
    const std::string label = name && name.IsScalar() ? name.Scalar() : "";
    try {
      Rule rule = reader.read(node);
      if (!names.insert(rule.name).second) return failure(rule.line, rule.name, "another rule has this name");
      rules.rules.push_back(std::move(rule));
    } catch (const ConfigError& error) {
      return failure(error.line, label, error.message);
    } catch (const YAML::Exception& error) {
      return failure(error.mark.line + 1, label, error.msg);
    }
  }
  index_fact_paths(rules);
  return rules;
}

}  // namespace snag
