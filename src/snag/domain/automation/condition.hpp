#pragma once
// The conditions of an automation rule: a tree of `all`, `any` and `not` over tests of single
// facts. A rule is data (YAML, or JSON through the API); this is its evaluated form. Evaluation is
// pure: the facts and the time come from the caller.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include <snag/util/time.hpp>

namespace snag {

enum class ConditionOperator { eq, ne, in, not_in, gt, lt, contains, exists, older_than };

std::string_view to_string(ConditionOperator op);
std::optional<ConditionOperator> parse_condition_operator(std::string_view text);

// A dotted path into the facts: "candidate.fields.visa_status", "event.detail.status",
// "ticket.severity". Split once when the rule is read, because rules are evaluated per event.
struct FactPath {
  std::string text;
  std::vector<std::string> segments;
  // Where the fact's value is in FactValues. Rules share paths: a rule set looks each distinct
  // path up once per event (index_fact_paths in rule.hpp), not once per test.
  std::size_t slot = 0;
};

// The facts of one evaluation by slot: null where the fact is absent.
using FactValues = std::vector<const nlohmann::json*>;

// The value at the path in a facts object (members `event`, `ticket`, `candidate`), or null.
const nlohmann::json* find_fact(const nlohmann::json& facts, const FactPath& path);

// "candidate.level" → its segments; nullopt for an empty path or an empty segment.
std::optional<FactPath> parse_fact_path(std::string_view text);

struct ConditionTest {
  FactPath field;
  ConditionOperator op = ConditionOperator::eq;
  // eq/ne/gt/lt/contains: a scalar; in/not_in: an array; exists: a boolean (true: the fact is
  // present and not null). older_than keeps its duration in `age` instead.
  nlohmann::json value;
  std::chrono::milliseconds age{0};
};

struct Condition {
  enum class Kind { all, any, negation, test };
  Kind kind = Kind::all;
  std::vector<Condition> children;  // all/any: each child; negation: exactly one
  ConditionTest test;               // kind == test
};

// An empty `all` holds: a rule without conditions fires on every trigger.
Condition always_true();

// Whether the condition holds for the facts. A test of a missing fact fails, except
// `exists: false` and `ne`/`not_in` (a missing level is not "executive"). older_than holds when
// the fact is an RFC 3339 time more than `age` before `now`.
bool holds(const Condition& condition, const FactValues& facts, Timestamp now);

// "7d", "36h", "90m", "45s" → the duration; nullopt for anything else.
std::optional<std::chrono::milliseconds> parse_rule_duration(std::string_view text);

}  // namespace snag
