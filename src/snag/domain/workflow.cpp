#include <snag/domain/workflow.hpp>

#include <algorithm>
#include <set>

namespace snag {

bool Workflow::has_status(std::string_view status) const {
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

bool Workflow::is_done(std::string_view status) const {
  return std::find(done.begin(), done.end(), status) != done.end();
}

bool Workflow::is_paused(std::string_view status) const {
  return std::find(paused.begin(), paused.end(), status) != paused.end();
}

bool Workflow::is_final(std::string_view status) const {
  return has_status(status) &&
         std::none_of(transitions.begin(), transitions.end(), [&](const Transition& t) { return t.from == status; });
}

std::vector<std::string> Workflow::allowed_from(std::string_view from) const {
  std::vector<std::string> allowed;
  for (const auto& status : statuses) {
    const bool reachable = std::any_of(transitions.begin(), transitions.end(),
                                       [&](const Transition& t) { return t.from == from && t.to == status; });
    if (reachable) allowed.push_back(status);
  }
  return allowed;
}

Result<void> check_transition(const Workflow& workflow, std::string_view from, std::string_view to) {
  const bool allowed = std::any_of(workflow.transitions.begin(), workflow.transitions.end(),
                                   [&](const Transition& t) { return t.from == from && t.to == to; });
  if (allowed) return {};
  Error error{ErrorCode::workflow_denied, "", {}, workflow.allowed_from(from)};
  if (!workflow.has_status(to)) {
    error.message = "'" + std::string(to) + "' is not a status of the " + workflow.name + " workflow";
  } else if (workflow.is_final(from)) {
    error.message = "'" + std::string(from) + "' is final: no transition leads out of it";
  } else {
    error.message = "A ticket cannot go from '" + std::string(from) + "' to '" + std::string(to) + "'";
  }
  return tl::unexpected(std::move(error));
}

Result<void> validate_workflow(const Workflow& workflow) {
  const auto invalid = [&](const std::string& why) {
    return fail(ErrorCode::invalid_argument, "workflow '" + workflow.name + "': " + why);
  };
  if (workflow.name.empty()) return fail(ErrorCode::invalid_argument, "a workflow has no name");
  if (workflow.statuses.empty()) return invalid("has no statuses");
  std::set<std::string> seen;
  for (const auto& status : workflow.statuses) {
    if (status.empty()) return invalid("has an empty status name");
    if (!seen.insert(status).second) return invalid("lists status '" + status + "' twice");
  }
  if (!workflow.has_status(workflow.initial)) return invalid("initial status '" + workflow.initial + "' is unknown");
  for (const auto& status : workflow.done) {
    if (!workflow.has_status(status)) return invalid("done status '" + status + "' is unknown");
  }
  for (const auto& status : workflow.paused) {
    if (!workflow.has_status(status)) return invalid("paused status '" + status + "' is unknown");
    if (workflow.is_done(status)) return invalid("status '" + status + "' cannot be both done and paused");
  }
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& t : workflow.transitions) {
    if (!workflow.has_status(t.from)) return invalid("transition from unknown status '" + t.from + "'");
    if (!workflow.has_status(t.to)) return invalid("transition to unknown status '" + t.to + "'");
    if (t.from == t.to) return invalid("transition from '" + t.from + "' to itself");
    if (!pairs.emplace(t.from, t.to).second) return invalid("transition " + t.from + " -> " + t.to + " is listed twice");
  }
  return {};
}

}  // namespace snag
