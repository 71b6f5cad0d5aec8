#include <algorithm>
#include <cmath>

#include <snag/domain/sla/business_time.hpp>
#include <snag/domain/sla/sla_clock.hpp>
#include <snag/domain/sla/sla_points.hpp>

namespace snag {
namespace {

bool clock_running(const Ticket& ticket) { return !ticket.resolved_at && !ticket.sla_paused_at; }

bool passed(const Ticket& ticket, std::string_view name) {
  return std::find(ticket.sla_fired.begin(), ticket.sla_fired.end(), name) != ticket.sla_fired.end();
}

// Calls `visit` with every point of the ticket that has not passed and falls at some time.
template <class Visit>
void each_pending_point(const SlaPolicy& policy, const Ticket& ticket, Visit visit) {
  if (!clock_running(ticket)) return;
  const auto consider = [&](const NamedSlaPoint& named) {
    if (passed(ticket, named.name)) return;
    if (const auto at = sla_point_time(policy, ticket, named.point)) visit(named, *at);
  };
  consider({std::string(k_first_response_breach_point), {SlaPoint::Kind::first_response_breach, 1.0, {}}});
  consider({std::string(k_resolution_breach_point), {SlaPoint::Kind::resolution_breach, 1.0, {}}});
  const auto escalation_points = policy.escalation_points.snapshot();
  for (const NamedSlaPoint& named : *escalation_points) consider(named);
}

}  // namespace

std::optional<Timestamp> sla_point_time(const SlaPolicy& policy, const Ticket& ticket, const SlaPoint& point) {
  switch (point.kind) {
    case SlaPoint::Kind::first_response_breach:
      if (ticket.first_responded_at) return std::nullopt;
      return ticket.first_response_due_at;
    case SlaPoint::Kind::resolution_breach: {
      if (!ticket.resolution_due_at || point.after_breach.count() == 0) return ticket.resolution_due_at;
      const auto* calendar = calendar_of(policy, ticket);
      if (!calendar) return std::nullopt;
      return add_business_time(*calendar, *ticket.resolution_due_at, point.after_breach);
    }
    case SlaPoint::Kind::share_of_resolution: {
      const auto target = policy.targets_for(ticket.type, ticket.severity).resolution;
      const auto* calendar = calendar_of(policy, ticket);
      if (!target || !calendar) return std::nullopt;
      const auto share = BusinessDuration(
          static_cast<BusinessDuration::rep>(std::llround(static_cast<double>(BusinessDuration(*target).count()) * point.share)));
      return add_business_time(*calendar, ticket.created_at, share + ticket.sla_paused_for);
    }
  }
  return std::nullopt;
}

std::vector<DueSlaPoint> due_sla_points(const SlaPolicy& policy, const Ticket& ticket, Timestamp now) {
  std::vector<DueSlaPoint> due;
  each_pending_point(policy, ticket, [&](const NamedSlaPoint& named, Timestamp at) {
    if (at <= now) due.push_back({named, at});
  });
  std::stable_sort(due.begin(), due.end(), [](const DueSlaPoint& a, const DueSlaPoint& b) { return a.at < b.at; });
  return due;
}

void refresh_sla_next_check(const SlaPolicy& policy, Ticket& ticket) {
  std::optional<Timestamp> next;
  each_pending_point(policy, ticket, [&](const NamedSlaPoint&, Timestamp at) {
    if (!next || at < *next) next = at;
  });
  ticket.sla_next_check_at = next;
}

}  // namespace snag
