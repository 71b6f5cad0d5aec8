#pragma once
// Suppression windows: hiring freezes and maintenance windows during which no escalation or
// breach alert fires for the tickets in their scope. Each escalation a window holds back is
// recorded; when the window ends, its `on_end` says whether the held ones fire once or are
// dropped. A window that has started may be ended early but not deleted.

#include <optional>
#include <string>
#include <string_view>

#include <snag/domain/ticket.hpp>
#include <snag/util/error.hpp>
#include <snag/util/strong_id.hpp>
#include <snag/util/time.hpp>

namespace snag {

using SuppressionWindowId = StrongId<struct SuppressionWindowIdTag>;
using SuppressedEscalationId = StrongId<struct SuppressedEscalationIdTag>;

// Which tickets a window covers: every ticket, or those of one team, issue type or geography
// (a prefix, as calendars are chosen: "US" covers "US-CA").
enum class WindowScope { all, team, issue_type, geography };
// What happens to the escalations a window held when it ends.
enum class WindowEndPolicy { fire, drop };

std::string_view to_string(WindowScope scope);
std::string_view to_string(WindowEndPolicy policy);
std::optional<WindowScope> parse_window_scope(std::string_view text);
std::optional<WindowEndPolicy> parse_window_end_policy(std::string_view text);

struct SuppressionWindow {
  SuppressionWindowId id;
  std::string name;
  std::string reason;
  WindowScope scope = WindowScope::all;
  std::string scope_value;  // empty for `all`
  Timestamp starts_at;
  Timestamp ends_at;  // exclusive; moved to the moment it was ended early
  WindowEndPolicy on_end = WindowEndPolicy::drop;
  std::string created_by;
  Timestamp created_at;
  std::optional<Timestamp> ended_early_at;
  // When the held escalations were fired or dropped: the window is finished with.
  std::optional<Timestamp> settled_at;
};

bool window_active(const SuppressionWindow& window, Timestamp now);
bool window_started(const SuppressionWindow& window, Timestamp now);
bool window_covers(const SuppressionWindow& window, const Ticket& ticket);

// A window that may be stored: a name, a scope with its value (none for `all`), and an end
// after its start. The error names the field.
Result<void> validate_window(const SuppressionWindow& window);

// An escalation (an `sla` rule reaching its point, see rule.hpp) that a window held back.
enum class SuppressedState { held, fired, dropped };
std::string_view to_string(SuppressedState state);
std::optional<SuppressedState> parse_suppressed_state(std::string_view text);

struct SuppressedEscalation {
  SuppressedEscalationId id;
  SuppressionWindowId window;
  TicketId ticket;
  std::string rule;      // the rule that would have acted
  Timestamp due_at;      // when its point was reached
  SuppressedState state = SuppressedState::held;
  std::optional<Timestamp> settled_at;  // when it fired or was dropped
};

}  // namespace snag
