#include <snag/app/incidents/incident_notices.hpp>
#include <snag/app/incidents/incident_sweep.hpp>

namespace snag {

Result<IncidentSweepCounts> sweep_incidents(WriteTransaction& tx, const Catalog& catalog, Timestamp now) {
  IncidentSweepCounts counts;
  auto incidents = tx.incidents_to_sweep();
  if (!incidents) return tl::unexpected(std::move(incidents.error()));
  for (Incident& incident : *incidents) {
    bool changed = false;
    const SeverityProtocol* protocol = find_protocol(catalog.severity_protocols, incident.severity);
    if (protocol != nullptr && update_reminder_due(incident, *protocol, now)) {
      const std::string message = incident_label(incident) + ": a status update was due at " +
                                  format_rfc3339(*next_update_due_at(incident, *protocol));
      if (auto sent = notify_about_incident(tx, {incident.commander}, incident, message, now); !sent) {
        return tl::unexpected(std::move(sent.error()));
      }
      incident.update_reminded_at = now;
      ++counts.update_reminders;
      changed = true;
    }
    if (incident.postmortem) {
      for (ActionItem& item : incident.postmortem->action_items) {
        if (!needs_overdue_notice(item, now)) continue;
        const std::string message = incident_label(incident) + ": action item " + std::to_string(item.number) +
                                    " was due at " + format_rfc3339(item.due);
        if (auto sent = notify_about_incident(tx, {item.owner}, incident, message, now); !sent) {
          return tl::unexpected(std::move(sent.error()));
        }
        item.overdue_notified_at = now;
        ++counts.overdue_action_items;
        changed = true;
      }
    }
    if (changed) {
      if (auto updated = tx.update_incident(incident); !updated) return tl::unexpected(std::move(updated.error()));
    }
  }
  return counts;
}

}  // namespace snag
