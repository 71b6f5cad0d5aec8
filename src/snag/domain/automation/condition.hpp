#pragma once
// The conditions of an automation rule: a tree of `all`, `any` and `not` over tests of single
// facts. A rule is data (YAML, or JSON through the API); this is its evaluated form. Evaluation is
// pure: the facts and the time come from the caller.

#include <chrono>
#include <cstdint>
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

// The value at the path in a facts object (members `event`, `ticket`, `candidate`), or null;
// with `from`, at the path's segments from that one on (inside one member's JSON).
const nlohmann::json* find_fact(const nlohmann::json& facts, const FactPath& path, std::size_t from = 0);

// "candidate.level" → its segments; nullopt for an empty path or an empty segment.
std::optional<FactPath> parse_fact_path(std::string_view text);

struct ConditionTest {
  FactPath field;
  // Equal tests (same path, operator and value) share an id: an evaluation runs each once
  // (TestMemo). Numbered with the paths (index_fact_paths in rule.hpp).
  std::size_t id = 0;
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

// What one evaluation of a rule set has found out so far. People's rules repeat the same tests
// (a hundred rules that each ask for a level and a geography ask a handful of questions), so
// each distinct test runs once per evaluation, until a rule changes the fact it reads.
class TestMemo {
 public:
  TestMemo(std::size_t tests, std::size_t slots) : m_results(tests), m_slot_versions(slots, 0) {}
  // The answer of test `id`, which reads the fact in `slot`, if found out since that fact last
  // changed.
  std::optional<bool> known(std::size_t id, std::size_t slot) const;
  void remember(std::size_t id, std::size_t slot, bool result);
  // The fact in `slot` changed: what was found out about it no longer counts.
  void forget(std::size_t slot) { ++m_slot_versions[slot]; }

 private:
  struct Result {
    std::uint32_t stamp = 0;  // the slot's version + 1 when found out; 0: never
    bool value = false;
  };
  std::vector<Result> m_results;              // by test id
  std::vector<std::uint32_t> m_slot_versions;  // by slot
};

// The conditions of a rule set in the form they are evaluated in: every tree's nodes in one
// array, a node's children side by side, the distinct tests by id. An evaluation visits a few
// hundred nodes per event; as Condition trees they lie all over the heap and the walk waits on
// memory more than it tests anything.
class CompiledConditions {
 public:
  // Adds a tree and returns its root. REQUIRES: its tests carry their ids.
  std::uint32_t add(const Condition& condition);
  std::size_t test_count() const { return m_tests.size(); }

  // Whether the tree at `root` holds for the facts. A test of a missing fact fails, except
  // `exists: false` and `ne`/`not_in` (a missing level is not "executive"). older_than holds
  // when the fact is an RFC 3339 time more than `age` before `now`. A test whose answer the
  // memo knows is not run again.
  bool holds(std::uint32_t root, const FactValues& facts, Timestamp now, TestMemo& memo) const;

 private:
  struct Node {
    Condition::Kind kind = Condition::Kind::all;
    std::uint32_t first = 0;  // all/any/negation: the first child's index; test: the test's id
    std::uint32_t count = 0;  // all/any/negation: how many children; test: the fact's slot
  };
  void place(const Condition& condition, std::uint32_t at);

  std::vector<Node> m_nodes;
  std::vector<ConditionTest> m_tests;  // by id
};

// "7d", "36h", "90m", "45s" → the duration; nullopt for anything else.
std::optional<std::chrono::milliseconds> parse_rule_duration(std::string_view text);

}  // namespace snag
