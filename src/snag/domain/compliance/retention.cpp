#include <snag/domain/compliance/retention.hpp>

#include <chrono>

namespace snag {
namespace {

bool geography_matches(const std::optional<std::string>& wanted, const std::optional<std::string>& geography) {
  if (!wanted) return true;
  if (!geography) return false;
  if (*geography == *wanted) return true;
  // A country matches its regions: "DE" covers "DE-BY".
  return geography->size() > wanted->size() && geography->starts_with(*wanted) && (*geography)[wanted->size()] == '-';
}

Timestamp plus_days(Timestamp at, int days) { return at + std::chrono::hours(24) * days; }

}  // namespace

const RetentionRule* matching_retention_rule(const RetentionPolicy& policy, const RetentionSubject& subject) {
  for (const auto& rule : policy.rules) {
    if ((rule.issue_type == "*" || rule.issue_type == subject.issue_type) &&
        geography_matches(rule.geography, subject.geography)) {
      return &rule;
    }
  }
  return nullptr;
}

std::optional<RetentionDeadline> retention_deadline(const RetentionPolicy& policy, const RetentionSubject& subject) {
  const RetentionRule* rule = matching_retention_rule(policy, subject);
  if (rule == nullptr) return std::nullopt;
  std::optional<RetentionDeadline> deadline;
  const auto consider = [&](std::optional<Timestamp> from, std::optional<int> days, bool after_purge) {
    if (!from || !days) return;
    const RetentionDeadline candidate{plus_days(*from, *days), after_purge, *days};
    if (!deadline || candidate.at < deadline->at) deadline = candidate;
  };
  consider(subject.resolved_at, rule->days_after_close, false);
  consider(subject.candidate_purged_at, rule->days_after_purge, true);
  return deadline;
}

std::string describe(const RetentionDeadline& deadline) {
  return std::to_string(deadline.days) +
         (deadline.after_purge ? " days after the ATS purged the candidate" : " days after it closed");
}

}  // namespace snag
