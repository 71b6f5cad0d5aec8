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
    constexpr std::string_view k_triggers =
        "ticket_created, schedule, {ats_event: [event types]} or {sla: 75% | breach | breach + 8h | "
        "first_response_breach}";
    if (!when) reject(node, "'when' is required: " + std::string(k_triggers));
    if (when.IsScalar() && (when.Scalar() == "ticket_created" || when.Scalar() == "schedule")) {
      rule.trigger = when.Scalar() == "schedule" ? RuleTrigger::schedule : RuleTrigger::ticket_created;
      return;
    }
    if (when.IsMap() && when.size() == 1 && when["sla"]) {
      rule.trigger = RuleTrigger::sla;
      rule.sla_point = read_sla_point(when["sla"]);
      return;
    }
    const YAML::Node events = when.IsMap() ? when["ats_event"] : YAML::Node{};
    if (!events || when.size() != 1) reject(when, "'when' must be " + std::string(k_triggers));
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

  // "75%" (a share of the resolution target, below 100%), "breach", "breach + 8h" (business time
  // after it) or "first_response_breach".
  static SlaPoint read_sla_point(const YAML::Node& node) {
    const std::string text = require_scalar(node, "sla");
    const auto refuse = [&] {
      reject(node, "sla takes a share of the resolution target below 100% (75%), breach, breach + <duration> "
                   "(breach + 8h) or first_response_breach");
    };
    SlaPoint point;
    if (text == "first_response_breach") {
      point.kind = SlaPoint::Kind::first_response_breach;
    } else if (text.ends_with('%')) {
      double percent = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size() - 1, percent);
      if (error != std::errc{} || end != text.data() + text.size() - 1 || percent <= 0 || percent >= 100) refuse();
      point.kind = SlaPoint::Kind::share_of_resolution;
      point.share = percent / 100;
    } else if (text.starts_with("breach")) {
      point.kind = SlaPoint::Kind::resolution_breach;
      std::string_view rest = std::string_view(text).substr(6);
      while (rest.starts_with(' ')) rest.remove_prefix(1);
      if (!rest.empty()) {
        if (!rest.starts_with('+')) refuse();
        rest.remove_prefix(1);
        while (rest.starts_with(' ')) rest.remove_prefix(1);
        const auto after = parse_rule_duration(rest);
        if (!after || after->count() <= 0) refuse();
        point.after_breach = std::chrono::duration_cast<std::chrono::minutes>(*after);
      }
    } else {
      refuse();
    }
    return point;
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
      case RuleTrigger::sla:
        if (root != "ticket") reject(node, "'" + path.text + "': an sla rule reads ticket.*");
        return;
    }
  }

  RuleAction read_action(const YAML::Node& node, const Rule& rule) {
    if (!node.IsMap() || node.size() != 1) {
      reject(node, "an action is one of {create_ticket: type}, {set_team: team}, {set_assignee: person}, "
                   "{assign: round_robin|least_loaded}, {set_severity: sevN}, {add_label: label}, "
                   "{notify: recipients}, {escalate: levels}");
    }
    const auto entry = *node.begin();
    const std::string kind = entry.first.as<std::string>();
    if (kind == "notify") return read_notify(entry.second, rule, node);
    if (kind == "assign" && entry.second.IsMap()) return read_assign_map(entry.second, rule, node);
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
      check_may_assign(rule, node);
      action.kind = RuleAction::Kind::assign;
      action.strategy = read_strategy(entry.second);
    } else if (kind == "escalate") {
      int levels = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), levels);
      if (error != std::errc{} || end != value.data() + value.size() || levels < 1 || levels > 3) {
        reject(entry.second, "escalate takes the number of severity levels to raise, 1 to 3");
      }
      action.kind = RuleAction::Kind::escalate;
      action.raise_by = levels;
    } else if (kind == "set_severity") {
      action.severity = parse_severity(value);
      if (!action.severity) reject(entry.second, "a severity must be sev1, sev2, sev3 or sev4");
      action.kind = RuleAction::Kind::set_severity;
    } else if (kind == "add_label") {
      action.kind = RuleAction::Kind::add_label;
    } else {
      reject(entry.first, "'" + kind + "' is not an action (create_ticket, set_team, set_assignee, assign, "
                                       "set_severity, add_label, notify, escalate)");
    }
    return action;
  }

  // A schedule rule runs over every open ticket at each sweep: assigning there would shuffle
  // tickets between people every few minutes.
  static void check_may_assign(const Rule& rule, const YAML::Node& node) {
    if (rule.trigger == RuleTrigger::schedule) reject(node, "assign is for ats_event, ticket_created and sla rules");
  }

  static AssignmentStrategy read_strategy(const YAML::Node& node) {
    const std::string value = require_scalar(node, "assign");
    if (value == "round_robin") return AssignmentStrategy::round_robin;
    if (value != "least_loaded") reject(node, "assign takes round_robin or least_loaded");
    return AssignmentStrategy::least_loaded;
  }

  // {assign: {strategy: least_loaded, role: senior_recruiter}}: only members with the role.
  RuleAction read_assign_map(const YAML::Node& map, const Rule& rule, const YAML::Node& node) {
    check_may_assign(rule, node);
    for (const auto& member : map) {
      const std::string key = member.first.as<std::string>();
      if (key != "strategy" && key != "role") reject(member.first, "assign takes strategy and role");
    }
    RuleAction action;
    action.kind = RuleAction::Kind::assign;
    action.strategy = map["strategy"] ? read_strategy(map["strategy"]) : AssignmentStrategy::least_loaded;
    if (const YAML::Node role = map["role"]) {
      action.role = require_scalar(role, "assign's role");
      if (m_catalog.find_role(*action.role) == nullptr) reject(role, "unknown role '" + *action.role + "'");
    }
    return action;
  }

  // {notify: assignee}, {notify: [assignee, team, watchers, role:senior_recruiter]} or
  // {notify: {to: […], message: "…"}}.
  RuleAction read_notify(const YAML::Node& value, const Rule& rule, const YAML::Node& node) {
    if (rule.trigger == RuleTrigger::ats_event) {
      reject(node, "notify is for ticket_created, schedule and sla rules: they know the ticket");
    }
    RuleAction action;
    action.kind = RuleAction::Kind::notify;
    if (value.IsMap()) {
      for (const auto& member : value) {
        const std::string key = member.first.as<std::string>();
        if (key != "to" && key != "message") reject(member.first, "notify takes to and message");
      }
      if (!value["to"]) reject(value, "notify needs 'to'");
      if (const YAML::Node message = value["message"]) action.value = require_scalar(message, "notify's message");
    }
    // Not assigned later: assigning a yaml-cpp node overwrites the node it refers to.
    const YAML::Node recipients = value.IsMap() ? value["to"] : value;
    const auto add = [&](const YAML::Node& item) {
      const std::string text = require_scalar(item, "a recipient");
      NotifyRecipient recipient;
      if (text == "assignee") {
        recipient.kind = NotifyRecipient::Kind::assignee;
      } else if (text == "watchers") {
        recipient.kind = NotifyRecipient::Kind::watchers;
      } else if (text == "team") {
        recipient.kind = NotifyRecipient::Kind::team;
      } else if (text.starts_with("role:")) {
        recipient.kind = NotifyRecipient::Kind::role;
        recipient.role = text.substr(5);
        if (m_catalog.find_role(recipient.role) == nullptr) reject(item, "unknown role '" + recipient.role + "'");
      } else {
        reject(item, "a recipient is assignee, watchers, team or role:<role>");
      }
      action.recipients.push_back(std::move(recipient));
    };
    if (recipients.IsSequence()) {
      for (const auto& item : recipients) add(item);
    } else {
      add(recipients);
    }
    if (action.recipients.empty()) reject(value, "notify needs at least one recipient");
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

// `where` says where a line is: "snag.yaml:12" in a file, "line 12" in a sent document.
template <class Where>
Result<RuleSet> read_rules(const YAML::Node& section, const Catalog& catalog, Where where) {
  RuleSet rules;
  if (!section || section.IsNull()) return rules;
  const auto failure = [&](int line, const std::string& rule, const std::string& message) {
    return fail(ErrorCode::invalid_argument,
                where(line) + ": " + (rule.empty() ? "" : "rule '" + rule + "': ") + message);
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

}  // namespace

Result<RuleSet> read_rules_section(const YAML::Node& section, const Catalog& catalog, std::string_view source) {
  return read_rules(section, catalog, [&](int line) { return std::string(source) + ":" + std::to_string(line); });
}

Result<RuleSet> read_rules_document(std::string_view yaml, const Catalog& catalog) {
  const auto where = [](int line) { return "line " + std::to_string(line); };
  try {
    const YAML::Node document = YAML::Load(std::string(yaml));
    if (document.IsNull()) return RuleSet{};
    if (!document.IsMap()) {
      return fail(ErrorCode::invalid_argument, where(document.Mark().line + 1) + ": a rules document is a mapping with 'rules'");
    }
    for (const auto& entry : document) {
      if (entry.first.Scalar() != "rules") {
        return fail(ErrorCode::invalid_argument,
                    where(entry.first.Mark().line + 1) + ": '" + entry.first.Scalar() +
                        "' does not belong in a rules document (only 'rules')");
      }
    }
    return read_rules(document["rules"], catalog, where);
  } catch (const YAML::Exception& error) {
    return fail(ErrorCode::invalid_argument, where(error.mark.line + 1) + ": " + error.msg);
  }
}

std::string rules_document(const YAML::Node& section) {
  YAML::Node document(YAML::NodeType::Map);
  document["rules"] = section && !section.IsNull() ? section : YAML::Node(YAML::NodeType::Sequence);
  YAML::Emitter out;
  out << document;
  return std::string(out.c_str()) + "\n";
}

}  // namespace snag
