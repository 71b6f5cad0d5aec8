#pragma once
// A workflow is data: its statuses and the transitions between them, as Redmine's
// WorkflowTransition is. Which transition is allowed is decided here and nowhere else.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/util/error.hpp>

namespace snag {

struct Transition {
  std::string from;
  std::string to;
};

struct Workflow {
  std::string name;
  std::vector<std::string> statuses;  // in display order
  std::string initial;                // the status a new ticket starts in
  std::vector<std::string> done;      // statuses in which the problem counts as solved (stops the SLA clock)
  std::vector<Transition> transitions;
  // Statuses in which the ticket waits on someone outside the team (the candidate, a vendor):
  // the SLA clock pauses there. Never done statuses.
  std::vector<std::string> paused;

  bool has_status(std::string_view status) const;
  bool is_done(std::string_view status) const;
  bool is_paused(std::string_view status) const;
  // A status with no way out (closed).
  bool is_final(std::string_view status) const;
  // The statuses reachable from `from` in one step, in the workflow's status order.
  std::vector<std::string> allowed_from(std::string_view from) const;
};

// Ok when `from -> to` is a transition of the workflow; otherwise workflow_denied with the
// statuses that are allowed from `from` in Error::allowed.
Result<void> check_transition(const Workflow& workflow, std::string_view from, std::string_view to);

// A workflow is well formed when its initial, done and transition statuses are all among its
// statuses, and it has no duplicate statuses or transitions.
Result<void> validate_workflow(const Workflow& workflow);

}  // namespace snag
