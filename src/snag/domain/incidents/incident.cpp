#include <algorithm>
#include <set>
#include <utility>

#include <snag/domain/analytics/type_totals.hpp>
#include <snag/domain/incidents/incident.hpp>

namespace snag {

std::string_view to_string(IncidentStatus status) {
  switch (status) {
    case IncidentStatus::open: return "open";
    case IncidentStatus::resolved: return "resolved";
    case IncidentStatus::closed: return "closed";
  }
  return "open";
}

std::optional<IncidentStatus> parse_incident_status(std::string_view text) {
  for (const auto status : {IncidentStatus::open, IncidentStatus::resolved, IncidentStatus::closed}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

std::vector<FieldError> validate_incident(const Incident& incident, std::span<const std::string> categories) {
  std::vector<FieldError> errors;
  if (incident.title.empty()) errors.push_back({"title", "is required"});
  if (incident.title.size() > 200) errors.push_back({"title", "must be at most 200 characters"});
  if (std::find(categories.begin(), categories.end(), incident.category) == categories.end()) {
    std::string known;
    for (const auto& category : categories) known += (known.empty() ? "" : ", ") + category;
    errors.push_back({"category", "must be one of the issue types' categories: " + known});
  }
  if (incident.commander.empty()) errors.push_back({"commander", "is required"});
  return errors;
}

bool postmortem_required(const Incident& incident, std::span<const SeverityProtocol> protocols) {
  const SeverityProtocol* protocol = find_protocol(protocols, incident.severity);
  return protocol != nullptr && protocol->postmortem_required;
}

Result<void> change_incident_status(Incident& incident, IncidentStatus to, std::span<const SeverityProtocol> protocols,
                                    Timestamp now) {
  const IncidentStatus from = incident.status;
  const bool allowed = (from == IncidentStatus::open && to == IncidentStatus::resolved) ||
                       (from == IncidentStatus::resolved && to == IncidentStatus::open) ||
                       (from == IncidentStatus::resolved && to == IncidentStatus::closed);
  if (!allowed) {
    return fail_validation(
        {{"status", "an incident cannot go from " + std::string(to_string(from)) + " to " + std::string(to_string(to)) +
                        " (open → resolved → closed; resolved may reopen)"}});
  }
  if (to == IncidentStatus::closed && postmortem_required(incident, protocols)) {
    if (!incident.postmortem) {
      return fail_validation({{"postmortem", "a " + std::string(to_string(incident.severity)) +
                                                 " incident needs a post-mortem before it closes"}});
    }
    if (auto gaps = postmortem_gaps(*incident.postmortem); !gaps.empty()) return fail_validation(std::move(gaps));
  }
  incident.status = to;
  if (to == IncidentStatus::resolved) incident.resolved_at = now;
  if (to == IncidentStatus::open) incident.resolved_at.reset();
  if (to == IncidentStatus::closed) incident.closed_at = now;
  return {};
}

void record_status_update(Incident& incident, Timestamp now) {
  if (!incident.responded_at) incident.responded_at = now;
  incident.last_update_at = now;
}

Timestamp response_due_at(const Incident& incident, const SeverityProtocol& protocol) {
  return incident.opened_at + protocol.respond_within;
}

std::optional<Timestamp> next_update_due_at(const Incident& incident, const SeverityProtocol& protocol) {
  if (incident.status != IncidentStatus::open || !protocol.update_every) return std::nullopt;
  return incident.last_update_at + *protocol.update_every;
}

bool update_reminder_due(const Incident& incident, const SeverityProtocol& protocol, Timestamp now) {
  const auto due = next_update_due_at(incident, protocol);
  if (!due || now < *due) return false;
  // Reminded since the update fell due: the next reminder waits one more interval.
  if (incident.update_reminded_at && *incident.update_reminded_at >= *due) {
    return now >= *incident.update_reminded_at + *protocol.update_every;
  }
  return true;
}

IncidentImpact incident_impact(std::span<const Ticket> tickets, Timestamp now) {
  IncidentImpact impact;
  std::set<std::pair<std::string, std::string>> candidates;
  std::chrono::milliseconds delay{0};
  for (const Ticket& ticket : tickets) {
    ++impact.tickets;
    if (ticket.candidate) candidates.emplace(ticket.candidate->ats, ticket.candidate->external_id);
    delay += candidate_delay(ticket, now);
  }
  impact.candidates_affected = static_cast<std::int64_t>(candidates.size());
  impact.candidate_delay_hours = std::chrono::duration<double, std::ratio<3600>>(delay).count();
  return impact;
}

}  // namespace snag
