#include <snag/domain/automation/suppression_window.hpp>

namespace snag {

std::string_view to_string(WindowScope scope) {
  switch (scope) {
    case WindowScope::all: return "all";
    case WindowScope::team: return "team";
    case WindowScope::issue_type: return "issue_type";
    case WindowScope::geography: return "geography";
  }
  return "all";
}

std::string_view to_string(WindowEndPolicy policy) { return policy == WindowEndPolicy::fire ? "fire" : "drop"; }

std::optional<WindowScope> parse_window_scope(std::string_view text) {
  for (auto scope : {WindowScope::all, WindowScope::team, WindowScope::issue_type, WindowScope::geography}) {
    if (to_string(scope) == text) return scope;
  }
  return std::nullopt;
}

std::optional<WindowEndPolicy> parse_window_end_policy(std::string_view text) {
  if (text == "fire") return WindowEndPolicy::fire;
  if (text == "drop") return WindowEndPolicy::drop;
  return std::nullopt;
}

bool window_active(const SuppressionWindow& window, Timestamp now) {
  return window.starts_at <= now && now < window.ends_at;
}

bool window_started(const SuppressionWindow& window, Timestamp now) { return window.starts_at <= now; }

bool window_covers(const SuppressionWindow& window, const Ticket& ticket) {
  switch (window.scope) {
    case WindowScope::all: return true;
    case WindowScope::team: return ticket.team == window.scope_value;
    case WindowScope::issue_type: return ticket.type == window.scope_value;
    case WindowScope::geography:
      return ticket.candidate_geography && ticket.candidate_geography->starts_with(window.scope_value) &&
             (ticket.candidate_geography->size() == window.scope_value.size() ||
              (*ticket.candidate_geography)[window.scope_value.size()] == '-');
  }
  return false;
}

Result<void> validate_window(const SuppressionWindow& window) {
  std::vector<FieldError> errors;
  if (window.name.empty()) errors.push_back({"name", "must not be empty"});
  if (window.scope == WindowScope::all && !window.scope_value.empty()) {
    errors.push_back({"scope.value", "a window over everything takes no value"});
  }
  if (window.scope != WindowScope::all && window.scope_value.empty()) {
    errors.push_back({"scope.value", "must name the team, issue type or geography"});
  }
  if (window.ends_at <= window.starts_at) errors.push_back({"ends_at", "must be after starts_at"});
  if (!errors.empty()) return fail_validation(std::move(errors));
  return {};
}

std::string_view to_string(SuppressedState state) {
  switch (state) {
    case SuppressedState::held: return "held";
    case SuppressedState::fired: return "fired";
    case SuppressedState::dropped: return "dropped";
  }
  return "held";
}

std::optional<SuppressedState> parse_suppressed_state(std::string_view text) {
  for (auto state : {SuppressedState::held, SuppressedState::fired, SuppressedState::dropped}) {
    if (to_string(state) == text) return state;
  }
  return std::nullopt;
}

}  // namespace snag
