#pragma once
// The SLA policy is data (config/snag.default.yaml, `calendars:` and `sla:`): targets in
// business hours per severity, optionally overridden per issue type, and which business
// calendar runs a ticket's clock.

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/severity.hpp>
#include <snag/domain/sla/business_calendar.hpp>
#include <snag/util/error.hpp>

namespace snag {

// Business time until the first response and until resolution; a missing target means no due
// time. A calendar named here wins over geography and team: sev1 runs around the clock.
struct SlaTargets {
  std::optional<std::chrono::minutes> first_response;
  std::optional<std::chrono::minutes> resolution;
  std::optional<std::string> calendar;
};

// A moment in a ticket's SLA at which escalation acts (the `sla` trigger of a rule, rule.hpp):
// a share of the resolution target passed ("75%"), the resolution breach, some business time
// after it ("breach + 8h"), or the first-response breach.
struct SlaPoint {
  enum class Kind { share_of_resolution, resolution_breach, first_response_breach };
  Kind kind = Kind::resolution_breach;
  double share = 1.0;                      // share_of_resolution: in (0, 1)
  std::chrono::minutes after_breach{0};  // resolution_breach: business time after the due time
  friend bool operator==(const SlaPoint&, const SlaPoint&) = default;
};

// A point with the name it is remembered by on a ticket once passed (Ticket::sla_fired): the
// rule's name, or one of the breach events below.
struct NamedSlaPoint {
  std::string name;
  SlaPoint point;
  friend bool operator==(const NamedSlaPoint&, const NamedSlaPoint&) = default;
};

// The breaches themselves are points of every ticket: passing one journals an `sla_breach`
// event, whether or not a rule escalates at it.
inline constexpr std::string_view k_resolution_breach_point = "sla:resolution_breached";
inline constexpr std::string_view k_first_response_breach_point = "sla:first_response_breached";

// The points of the `sla` rules. Rules are replaced while Snag runs (PUT /api/v1/rules), and the
// catalog that holds the policy is shared read-only by every thread, so the points sit in a cell
// that copies of the policy share: the rule book (app/automation/rule_book.hpp) refills it, and
// a reader plans one ticket with one snapshot.
class SlaEscalationPoints {
 public:
  using Points = std::vector<NamedSlaPoint>;

  SlaEscalationPoints() : m_cell(std::make_shared<std::atomic<std::shared_ptr<const Points>>>(empty())) {}

  std::shared_ptr<const Points> snapshot() const { return m_cell->load(); }
  void replace(Points points) { m_cell->store(std::make_shared<const Points>(std::move(points))); }

 private:
  static std::shared_ptr<const Points> empty() { return std::make_shared<const Points>(); }

  std::shared_ptr<std::atomic<std::shared_ptr<const Points>>> m_cell;
};

struct SlaPolicy {
  std::vector<BusinessCalendar> calendars;
  std::map<Severity, SlaTargets> by_severity;
  // Per issue type and severity, member by member over by_severity.
  std::map<std::string, std::map<Severity, SlaTargets>, std::less<>> by_issue_type;
  std::string default_calendar;  // empty only when there are no calendars
  std::map<std::string, std::string, std::less<>> calendar_by_team;
  // Keyed by a geography or its prefix: "US" matches "US" and "US-CA"; the longest match wins.
  std::map<std::string, std::string, std::less<>> calendar_by_geography;
  // The points of the `sla` rules, set where the rules are read (config/settings.cpp) and
  // whenever they are replaced.
  SlaEscalationPoints escalation_points;

  const BusinessCalendar* find_calendar(std::string_view name) const;
  SlaTargets targets_for(std::string_view issue_type, Severity severity) const;
  // The calendar of a ticket: the targets' own calendar, else the candidate's geography, else
  // the team's, else the default. nullptr only when no calendar is configured.
  const BusinessCalendar* calendar_for(std::string_view issue_type, Severity severity, std::string_view team,
                                       const std::optional<std::string>& candidate_geography) const;
};

// Every calendar is valid and named once, every calendar named exists, and targets are positive.
// Teams and issue types are checked against the catalog by validate_catalog.
Result<void> validate_sla_policy(const SlaPolicy& policy);

}  // namespace snag
