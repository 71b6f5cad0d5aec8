#pragma once
// An incident: recurring tickets grouped under one problem of an incident category (the issue
// types' categories: ats_data for resume parsing failures, integration for sync failures,
// offers for an offer system outage, …), run by a commander under the protocol of its severity
// (severity_protocol.hpp), and closed, where the protocol says so, only with a complete
// post-mortem (postmortem.hpp). Its status runs open → resolved → closed; a resolved incident
// may reopen, a closed one is history.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/ids.hpp>
#include <snag/domain/incidents/postmortem.hpp>
#include <snag/domain/incidents/severity_protocol.hpp>
#include <snag/domain/severity.hpp>
#include <snag/domain/ticket.hpp>
#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag {

enum class IncidentStatus { open, resolved, closed };

std::string_view to_string(IncidentStatus status);
std::optional<IncidentStatus> parse_incident_status(std::string_view text);

// One entry of the incident's running log: a status update its commander posted, or a change
// Snag recorded (kind "status", "severity", "tickets", "postmortem", …).
struct IncidentUpdate {
  Timestamp at;
  std::string author;
  std::string kind;
  std::string message;
};

inline constexpr std::string_view k_status_update = "update";  // the kind of a posted update

struct Incident {
  IncidentId id;
  std::string category;
  std::string title;
  Severity severity = Severity::sev3;
  IncidentStatus status = IncidentStatus::open;
  std::string commander;  // the username who runs it
  std::string opened_by;
  Timestamp opened_at;
  std::optional<Timestamp> responded_at;  // the first posted update: stops the response clock
  Timestamp last_update_at;               // the last posted update, or the opening
  std::optional<Timestamp> update_reminded_at;
  std::optional<Timestamp> resolved_at;
  std::optional<Timestamp> closed_at;
  std::optional<std::string> caused_by_change;  // a change record's id
  std::optional<PostMortem> postmortem;
  // Read with the incident, written through their own store calls.
  std::vector<TicketId> tickets;
  std::vector<IncidentUpdate> updates;
};

// A title, a commander and a category among `categories`: errors name the field.
std::vector<FieldError> validate_incident(const Incident& incident, std::span<const std::string> categories);

bool postmortem_required(const Incident& incident, std::span<const SeverityProtocol> protocols);

// Moves the incident to `to` at `now`: open → resolved → closed, resolved → open. validation_failed
// on `status` for any other move, and on the post-mortem's fields when the protocol requires a
// complete one before closing.
Result<void> change_incident_status(Incident& incident, IncidentStatus to, std::span<const SeverityProtocol> protocols,
                                    Timestamp now);

// A posted update: the response clock stops at the first, the update clock restarts at each.
void record_status_update(Incident& incident, Timestamp now);

// When the first response is due.
Timestamp response_due_at(const Incident& incident, const SeverityProtocol& protocol);

// When the next status update is due: while the incident is open and its protocol wants updates.
std::optional<Timestamp> next_update_due_at(const Incident& incident, const SeverityProtocol& protocol);

// Whether to remind the commander now: an update is overdue and they have not been reminded in
// the protocol's interval since it fell due (or since the last reminder).
bool update_reminder_due(const Incident& incident, const SeverityProtocol& protocol, Timestamp now);

// What the incident cost, from its tickets.
struct IncidentImpact {
  std::int64_t tickets = 0;
  std::int64_t candidates_affected = 0;  // distinct candidates among the tickets
  double candidate_delay_hours = 0;      // summed as the Pareto report sums it (type_totals.hpp)
};

IncidentImpact incident_impact(std::span<const Ticket> tickets, Timestamp now);

}  // namespace snag
