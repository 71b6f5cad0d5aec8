#include <snag/domain/automation/condition.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace snag {
namespace {

constexpr std::array<std::pair<ConditionOperator, std::string_view>, 9> k_operator_names{{
    {ConditionOperator::eq, "eq"},
    {ConditionOperator::ne, "ne"},
    {ConditionOperator::in, "in"},
    {ConditionOperator::not_in, "not_in"},
    {ConditionOperator::gt, "gt"},
    {ConditionOperator::lt, "lt"},
    {ConditionOperator::contains, "contains"},
    {ConditionOperator::exists, "exists"},
    {ConditionOperator::older_than, "older_than"},
}};

// Rules are written by people: `eq: 3` should match a fact "3" and `eq: true` a fact "true",
// because ATS custom fields arrive as text as often as typed.
bool same_value(const nlohmann::json& fact, const nlohmann::json& expected) {
  if (fact == expected) return true;
  if (fact.is_string() && !expected.is_string() && expected.is_primitive()) return fact.get_ref<const std::string&>() == expected.dump();
  if (expected.is_string() && !fact.is_string() && fact.is_primitive()) return expected.get_ref<const std::string&>() == fact.dump();
  return false;
}

bool is_member(const nlohmann::json& fact, const nlohmann::json& choices) {
  return std::any_of(choices.begin(), choices.end(), [&](const nlohmann::json& choice) { return same_value(fact, choice); });
}

// -1, 0, 1 for comparable facts (two numbers, or two strings, which orders RFC 3339 times of
// the same offset and severities sev1 < sev4 alike); nullopt otherwise.
std::optional<int> compare(const nlohmann::json& fact, const nlohmann::json& expected) {
  if (fact.is_number() && expected.is_number()) {
    const double a = fact.get<double>();
    const double b = expected.get<double>();
    return a < b ? -1 : (a > b ? 1 : 0);
  }
  if (fact.is_string() && expected.is_string()) {
    const int order = fact.get_ref<const std::string&>().compare(expected.get_ref<const std::string&>());
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
  }
  return std::nullopt;
}

bool contains(const nlohmann::json& fact, const nlohmann::json& expected) {
  if (fact.is_array()) return is_member(expected, fact);
  if (fact.is_string() && expected.is_string()) {
    return fact.get_ref<const std::string&>().find(expected.get_ref<const std::string&>()) != std::string::npos;
  }
  return false;
}

bool test_holds(const ConditionTest& test, const FactValues& facts, Timestamp now) {
  const nlohmann::json* fact = facts[test.field.slot];
  switch (test.op) {
    case ConditionOperator::exists:
      return (fact != nullptr) == test.value.get<bool>();
    case ConditionOperator::ne:
      return fact == nullptr || !same_value(*fact, test.value);
    case ConditionOperator::not_in:
      return fact == nullptr || !is_member(*fact, test.value);
    default:
      break;
  }
  if (fact == nullptr) return false;
  switch (test.op) {
    case ConditionOperator::eq:
      return same_value(*fact, test.value);
    case ConditionOperator::in:
      return is_member(*fact, test.value);
    case ConditionOperator::gt:
      return compare(*fact, test.value) == 1;
    case ConditionOperator::lt:
      return compare(*fact, test.value) == -1;
    case ConditionOperator::contains:
      return contains(*fact, test.value);
    case ConditionOperator::older_than: {
      if (!fact->is_string()) return false;
      const auto at = parse_rfc3339(fact->get_ref<const std::string&>());
      return at && now - *at > test.age;
    }
    default:
      return false;
  }
}

}  // namespace

const nlohmann::json* find_fact(const nlohmann::json& facts, const FactPath& path, std::size_t from) {
  const nlohmann::json* at = &facts;
  for (std::size_t i = from; i < path.segments.size(); ++i) {
    if (!at->is_object()) return nullptr;
    const auto next = at->find(path.segments[i]);
    if (next == at->end()) return nullptr;
    at = &*next;
  }
  return at->is_null() ? nullptr : at;
}

std::string_view to_string(ConditionOperator op) {
  for (const auto& [candidate, name] : k_operator_names) {
    if (candidate == op) return name;
  }
  return "eq";
}

std::optional<ConditionOperator> parse_condition_operator(std::string_view text) {
  for (const auto& [op, name] : k_operator_names) {
    if (name == text) return op;
  }
  return std::nullopt;
}

std::optional<FactPath> parse_fact_path(std::string_view text) {
  FactPath path;
  path.text = std::string(text);
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    const std::string_view segment = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (segment.empty()) return std::nullopt;
    path.segments.emplace_back(segment);
    if (dot == std::string_view::npos) return path;
    start = dot + 1;
  }
}

Condition always_true() { return Condition{}; }

std::optional<bool> TestMemo::known(std::size_t id, std::size_t slot) const {
  const Result& result = m_results[id];
  if (result.stamp != m_slot_versions[slot] + 1) return std::nullopt;
  return result.value;
}

void TestMemo::remember(std::size_t id, std::size_t slot, bool result) {
  m_results[id] = {m_slot_versions[slot] + 1, result};
}

std::uint32_t CompiledConditions::add(const Condition& condition) {
  const auto root = static_cast<std::uint32_t>(m_nodes.size());
  m_nodes.emplace_back();
  place(condition, root);
  return root;
}

void CompiledConditions::place(const Condition& condition, std::uint32_t at) {
  if (condition.kind == Condition::Kind::test) {
    const ConditionTest& test = condition.test;
    if (test.id >= m_tests.size()) m_tests.resize(test.id + 1);
    m_tests[test.id] = test;
    // The slot beside the id: the memo answers most visits without touching the test.
    m_nodes[at] = {Condition::Kind::test, static_cast<std::uint32_t>(test.id), static_cast<std::uint32_t>(test.field.slot)};
    return;
  }
  // The children side by side first, then each child's own children after them.
  const auto first = static_cast<std::uint32_t>(m_nodes.size());
  const auto count = static_cast<std::uint32_t>(condition.children.size());
  m_nodes[at] = {condition.kind, first, count};
  m_nodes.resize(m_nodes.size() + count);
  for (std::uint32_t i = 0; i < count; ++i) place(condition.children[i], first + i);
}

bool CompiledConditions::holds(std::uint32_t root, const FactValues& facts, Timestamp now, TestMemo& memo) const {
  const Node& node = m_nodes[root];
  switch (node.kind) {
    case Condition::Kind::all:
      for (std::uint32_t i = 0; i < node.count; ++i) {
        if (!holds(node.first + i, facts, now, memo)) return false;
      }
      return true;
    case Condition::Kind::any:
      for (std::uint32_t i = 0; i < node.count; ++i) {
        if (holds(node.first + i, facts, now, memo)) return true;
      }
      return false;
    case Condition::Kind::negation:
      return node.count == 1 && !holds(node.first, facts, now, memo);
    case Condition::Kind::test: {
      if (const auto known = memo.known(node.first, node.count)) return *known;
      const bool result = test_holds(m_tests[node.first], facts, now);
      memo.remember(node.first, node.count, result);
      return result;
    }
  }
  return false;
}

std::optional<std::chrono::milliseconds> parse_rule_duration(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  long long amount = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size() - 1, amount);
  if (error != std::errc{} || end != text.data() + text.size() - 1 || amount < 0) return std::nullopt;
  switch (text.back()) {
    case 'd':
      return std::chrono::days{amount};
    case 'h':
      return std::chrono::hours{amount};
    case 'm':
      return std::chrono::minutes{amount};
    case 's':
      return std::chrono::seconds{amount};
    default:
      return std::nullopt;
  }
}

}  // namespace snag
