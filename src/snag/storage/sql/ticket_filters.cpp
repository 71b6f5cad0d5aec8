#include <algorithm>

#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/storage/sql/ticket_filters.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {

std::vector<std::string> unique_sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

void add_scope(Builder& builder, const TicketScope& scope, const Dialect& dialect) {
  if (scope.types) {
    if (scope.types->empty()) {
      builder.add("FALSE", {});
      return;
    }
    builder.add_in("type", *scope.types);
  }
  if (scope.every_team) return;
  std::string condition = "(reporter = ? OR assignee = ? OR ";
  condition += dialect.watcher_condition;
  std::vector<SqlValue> params{scope.principal, scope.principal, scope.principal};
  if (scope.team) {
    condition += " OR team = ?";
    params.emplace_back(*scope.team);
  }
  condition += ")";
  builder.add(condition, std::move(params));
}

bool names_synthetic_candidates(const TicketQuery& query) {
  return std::any_of(query.candidates.begin(), query.candidates.end(),
                     [](const CandidateRef& candidate) { return candidate.ats == k_synthetic_ats; });
}

Builder other_filters(const TicketQuery& query, const Dialect& dialect) {
  Builder builder;
  if (query.scope) add_scope(builder, *query.scope, dialect);
  // By the external id alone (synthetic_probe.hpp): the report aggregates' covering index
  // (tickets_type_totals) holds it, not the candidate's ATS.
  if (!names_synthetic_candidates(query)) {
    builder.add("(candidate_external_id IS NULL OR candidate_external_id <> ?)",
                {std::string(k_synthetic_candidate_id)});
  }
  builder.add_in("type", query.types);
  builder.add_in("assignee", query.assignees);
  if (!query.candidates.empty()) {
    std::string condition = "(";
    std::vector<SqlValue> params;
    for (std::size_t i = 0; i < query.candidates.size(); ++i) {
      condition += i ? " OR (candidate_ats = ? AND candidate_external_id = ?)"
                     : "(candidate_ats = ? AND candidate_external_id = ?)";
      params.emplace_back(query.candidates[i].ats);
      params.emplace_back(query.candidates[i].external_id);
    }
    condition += ")";
    builder.add(condition, std::move(params));
  }
  if (query.created_after) builder.add("created_at >= ?", {to_epoch_ms(*query.created_after)});
  if (query.created_before) builder.add("created_at < ?", {to_epoch_ms(*query.created_before)});
  return builder;
}

std::vector<std::string> severity_names(const TicketQuery& query) {
  std::vector<std::string> names;
  for (Severity severity : query.severities) names.emplace_back(to_string(severity));
  return unique_sorted(std::move(names));
}

bool filters_beyond_type_and_opening(const TicketQuery& query) {
  return !query.statuses.empty() || !query.severities.empty() || !query.teams.empty() || !query.assignees.empty() ||
         !query.candidates.empty() || query.text.has_value();
}

Builder report_filters(const TicketQuery& query, const Dialect& dialect) {
  Builder builder;
  builder.add_in("status", unique_sorted(query.statuses));
  builder.add_in("severity", severity_names(query));
  builder.add_in("team", unique_sorted(query.teams));
  builder.append(other_filters(query, dialect));
  return builder;
}

}  // namespace snag::sql
