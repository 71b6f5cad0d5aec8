#pragma once
// Incidents (domain/incidents/incident.hpp): declared, run and closed through the API with
// incidents:write, read with incidents:read. Every change writes a line to the incident's log
// in the same write, so the log is the incident's own timeline; linking a ticket also journals
// it on the ticket. Declaring notifies whom the severity protocol names. What is returned is
// masked for callers without pii:read: titles, logs and post-mortems are free text.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <snag/app/access/access_guard.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>

namespace snag {

struct NewIncident {
  std::string category;
  std::string title;
  Severity severity = Severity::sev3;
  std::optional<std::string> commander;  // the declaring person when absent
  std::vector<TicketId> tickets;
  std::optional<std::string> caused_by_change;
};

// The fields a PATCH may change; absent ones stay.
struct IncidentEdit {
  std::optional<std::string> title;
  std::optional<Severity> severity;
  std::optional<std::string> commander;
  std::optional<IncidentStatus> status;
  std::optional<std::string> caused_by_change;
};

// An incident as shown: with what it cost and the protocol it runs under.
struct IncidentView {
  Incident incident;
  IncidentImpact impact;
  std::optional<SeverityProtocol> protocol;  // absent when the configuration has none
};

class IncidentService {
 public:
  IncidentService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access);

  // validation_failed naming the field; a ticket the actor may not see, or a change that is not
  // recorded, is a validation failure on `tickets` or `caused_by_change`.
  Result<IncidentView> declare(const Actor& actor, const NewIncident& request);
  Result<IncidentView> get(const Actor& actor, IncidentId id);
  Result<IncidentPage> list(const Actor& actor, const IncidentQuery& query);
  // A status change follows change_incident_status (closing may need the post-mortem).
  Result<IncidentView> edit(const Actor& actor, IncidentId id, const IncidentEdit& edit);
  // A status update from the commander (or anyone running it): stops the response clock at the
  // first and restarts the update clock. Only while the incident is not closed.
  Result<IncidentView> post_update(const Actor& actor, IncidentId id, const std::string& message);
  // Puts each ticket in the incident (out of any other), journaled on the ticket.
  Result<IncidentView> link_tickets(const Actor& actor, IncidentId id, const std::vector<TicketId>& tickets);
  // not_found when the ticket is not in the incident.
  Result<IncidentView> unlink_ticket(const Actor& actor, IncidentId id, TicketId ticket);
  // Writes (or rewrites) the post-mortem; action items keep their progress (number_action_items).
  Result<IncidentView> write_postmortem(const Actor& actor, IncidentId id, PostMortem postmortem);
  // Marks an action item done (or not done again). The item's owner may do this without
  // incidents:write. not_found for an unknown number.
  Result<IncidentView> mark_action_item(const Actor& actor, IncidentId id, std::int64_t number, bool done);
  // The incident a ticket is in and the change that caused it; not_found, as for the ticket
  // itself, when the actor may not see the ticket.
  Result<TicketLinks> links_of_ticket(const Actor& actor, TicketId ticket);
  // The configured protocols, sev1 first.
  Result<std::vector<SeverityProtocol>> protocols(const Actor& actor) const;

 private:
  // Reads the incident, applies `change` (which returns its log line: kind and message, nullopt
  // when nothing changed), stores it with the line, and returns it as shown.
  using Change = std::function<Result<std::optional<IncidentUpdate>>(WriteTransaction&, Incident&)>;
  Result<IncidentView> change_incident(const Actor& actor, IncidentId id, const Change& change);
  Result<IncidentView> view(const Actor& actor, Incident incident);
  Result<void> link_ticket(WriteTransaction& tx, const Actor& actor, Incident& incident, TicketId ticket,
                           Timestamp now);

  Store& m_store;
  const Catalog& m_catalog;
  const Clock& m_clock;
  const AccessGuard& m_access;
};

}  // namespace snag
