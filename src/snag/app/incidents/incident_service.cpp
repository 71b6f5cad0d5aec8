#include <algorithm>

#include <snag/app/incidents/incident_notices.hpp>
#include <snag/app/incidents/incident_service.hpp>
#include <snag/domain/access/access_policy.hpp>

namespace snag {
namespace {

constexpr std::size_t k_max_update_length = 10000;

Result<Incident> require_incident(std::optional<Incident> incident, IncidentId id) {
  if (!incident) return fail(ErrorCode::not_found, "There is no incident " + std::to_string(id.value) + ".");
  return std::move(*incident);
}

bool is_user(const std::vector<UserRecord>& users, const std::string& name) {
  return std::any_of(users.begin(), users.end(),
                     [&](const UserRecord& user) { return user.username == name && !user.disabled; });
}

std::string status_line(IncidentStatus from, IncidentStatus to) {
  return "status: " + std::string(to_string(from)) + " → " + std::string(to_string(to));
}

// A log line; change_incident fills in when and who.
std::optional<IncidentUpdate> log_line(std::string_view kind, std::string message) {
  return IncidentUpdate{{}, {}, std::string(kind), std::move(message)};
}

// Whether `to` is more urgent than `from` (sev1 is the most urgent).
bool escalated(Severity from, Severity to) { return static_cast<int>(to) < static_cast<int>(from); }

}  // namespace

IncidentService::IncidentService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_catalog(catalog), m_clock(clock), m_access(access) {}

Result<IncidentView> IncidentService::declare(const Actor& actor, const NewIncident& request) {
  if (auto allowed = m_access.require(actor, permission::incidents_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  const Timestamp now = m_clock.now();
  Incident incident;
  incident.category = request.category;
  incident.title = request.title;
  incident.severity = request.severity;
  incident.commander = request.commander.value_or(actor.name);
  incident.opened_by = actor.name;
  incident.opened_at = now;
  incident.last_update_at = now;
  incident.caused_by_change = request.caused_by_change;
  auto errors = validate_incident(incident, m_catalog.incident_categories());
  auto users = m_store.list_users();
  if (!users) return tl::unexpected(std::move(users.error()));
  if (request.commander && !is_user(*users, *request.commander)) {
    errors.push_back({"commander", "there is no user '" + *request.commander + "'"});
  }
  if (!errors.empty()) return fail_validation(std::move(errors));

  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    if (incident.caused_by_change) {
      auto change = tx.find_change(*incident.caused_by_change);
      if (!change) return tl::unexpected(std::move(change.error()));
      if (!*change)
        return fail_validation({{"caused_by_change", "there is no change '" + *incident.caused_by_change + "'"}});
    }
    auto id = tx.insert_incident(incident);
    if (!id) return tl::unexpected(std::move(id.error()));
    incident.id = *id;
    for (const TicketId ticket : request.tickets) {
      if (auto linked = link_ticket(tx, actor, incident, ticket, now); !linked) return linked;
    }
    const std::string line = "declared " + std::string(to_string(incident.severity)) + ", commander " +
                             incident.commander + ", " + std::to_string(request.tickets.size()) + " tickets";
    if (auto logged = tx.append_incident_update(incident.id, {now, actor.name, "declared", line}); !logged) {
      return logged;
    }
    const SeverityProtocol* protocol = find_protocol(m_catalog.severity_protocols, incident.severity);
    if (protocol == nullptr) return {};
    return notify_about_incident(tx, protocol_recipients(*protocol, incident, *users), incident,
                                 incident_label(incident) + " declared; commander " + incident.commander, now);
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return get(actor, incident.id);
}

Result<IncidentView> IncidentService::get(const Actor& actor, IncidentId id) {
  if (auto allowed = m_access.require(actor, permission::incidents_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto found = m_store.find_incident(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  auto incident = require_incident(std::move(*found), id);
  if (!incident) return tl::unexpected(std::move(incident.error()));
  return view(actor, std::move(*incident));
}

Result<IncidentPage> IncidentService::list(const Actor& actor, const IncidentQuery& query) {
  if (auto allowed = m_access.require(actor, permission::incidents_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto page = m_store.list_incidents(query);
  if (!page) return page;
  if (!m_access.may_read_pii(actor)) {
    for (Incident& incident : page->items) incident.title = m_access.detector().mask(incident.title);
  }
  return page;
}

Result<IncidentView> IncidentService::edit(const Actor& actor, IncidentId id, const IncidentEdit& edit) {
  if (auto allowed = m_access.require(actor, permission::incidents_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto users = m_store.list_users();
  if (!users) return tl::unexpected(std::move(users.error()));
  if (edit.commander && !is_user(*users, *edit.commander)) {
    return fail_validation({{"commander", "there is no user '" + *edit.commander + "'"}});
  }
  const Timestamp now = m_clock.now();
  return change_incident(
      actor, id, [&](WriteTransaction& tx, Incident& incident) -> Result<std::optional<IncidentUpdate>> {
        std::vector<std::string> lines;
        const Severity severity_before = incident.severity;
        if (edit.title && *edit.title != incident.title) {
          incident.title = *edit.title;
          lines.push_back("title changed");
        }
        if (edit.severity && *edit.severity != incident.severity) {
          incident.severity = *edit.severity;
          lines.push_back("severity: " + std::string(to_string(severity_before)) + " → " +
                          std::string(to_string(incident.severity)));
        }
        if (edit.commander && *edit.commander != incident.commander) {
          lines.push_back("commander: " + incident.commander + " → " + *edit.commander);
          incident.commander = *edit.commander;
        }
        if (edit.caused_by_change && edit.caused_by_change != incident.caused_by_change) {
          auto change = tx.find_change(*edit.caused_by_change);
          if (!change) return tl::unexpected(std::move(change.error()));
          if (!*change)
            return fail_validation({{"caused_by_change", "there is no change '" + *edit.caused_by_change + "'"}});
          incident.caused_by_change = edit.caused_by_change;
          lines.push_back("caused by change " + *edit.caused_by_change);
        }
        if (auto errors = validate_incident(incident, m_catalog.incident_categories()); !errors.empty()) {
          return fail_validation(std::move(errors));
        }
        if (edit.status && *edit.status != incident.status) {
          const IncidentStatus from = incident.status;
          if (auto moved = change_incident_status(incident, *edit.status, m_catalog.severity_protocols, now); !moved) {
            return tl::unexpected(std::move(moved.error()));
          }
          lines.push_back(status_line(from, incident.status));
        }
        if (escalated(severity_before, incident.severity)) {
          if (const SeverityProtocol* protocol = find_protocol(m_catalog.severity_protocols, incident.severity)) {
            auto notified =
                notify_about_incident(tx, protocol_recipients(*protocol, incident, *users), incident,
                                      incident_label(incident) + " escalated; commander " + incident.commander, now);
            if (!notified) return tl::unexpected(std::move(notified.error()));
          }
        }
        if (lines.empty()) return std::nullopt;
        std::string joined;
        for (const auto& line : lines) joined += (joined.empty() ? "" : "; ") + line;
        return log_line("edit", joined);
      });
}

Result<IncidentView> IncidentService::post_update(const Actor& actor, IncidentId id, const std::string& message) {
  if (auto allowed = m_access.require(actor, permission::incidents_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (message.empty()) return fail_validation({{"message", "is required"}});
  if (message.size() > k_max_update_length) {
    return fail_validation({{"message", "must be at most " + std::to_string(k_max_update_length) + " bytes"}});
  }
  const Timestamp now = m_clock.now();
  return change_incident(actor, id,
                         [&](WriteTransaction&, Incident& incident) -> Result<std::optional<IncidentUpdate>> {
                           if (incident.status == IncidentStatus::closed) {
                             return fail(ErrorCode::conflict, "The incident is closed: its log is history.");
                           }
                           record_status_update(incident, now);
                           return log_line(k_status_update, message);
                         });
}

Result<IncidentView> IncidentService::link_tickets(const Actor& actor, IncidentId id,
                                                   const std::vector<TicketId>& tickets) {
  if (auto allowed = m_access.require(actor, permission::incidents_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (tickets.empty()) return fail_validation({{"tickets", "must name at least one ticket"}});
  const Timestamp now = m_clock.now();
  return change_incident(actor, id,
                         [&](WriteTransaction& tx, Incident& incident) -> Result<std::optional<IncidentUpdate>> {
                           std::string keys;
                           for (const TicketId ticket : tickets) {
                             if (auto linked = link_ticket(tx, actor, incident, ticket, now); !linked) {
                               return tl::unexpected(std::move(linked.error()));
                             }
                             keys += (keys.empty() ? "" : ", ") + ticket_key(ticket);
                           }
                           return log_line("tickets", "linked " + keys);
                         });
}

Result<IncidentView> IncidentService::unlink_ticket(const Actor& actor, IncidentId id, TicketId ticket) {
  if (auto allowed = m_access.require(actor, permission::incidents_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  const Timestamp now = m_clock.now();
  return change_incident(
      actor, id, [&](WriteTransaction& tx, Incident& incident) -> Result<std::optional<IncidentUpdate>> {
        auto unlinked = tx.unlink_incident_ticket(incident.id, ticket);
        if (!unlinked) return tl::unexpected(std::move(unlinked.error()));
        if (!*unlinked) {
          return fail(ErrorCode::not_found,
                      ticket_key(ticket) + " is not in incident " + std::to_string(id.value) + ".");
        }
        auto journaled =
            tx.append_journal(ticket, now, actor.name, "incident", {{"incident", incident.id.value, nullptr}});
        if (!journaled) return tl::unexpected(std::move(journaled.error()));
        return log_line("tickets", "unlinked " + ticket_key(ticket));
      });
}

Result<IncidentView> IncidentService::write_postmortem(const Actor& actor, IncidentId id, PostMortem postmortem) {
  if (auto allowed = m_access.require(actor, permission::incidents_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto errors = validate_postmortem(postmortem);
  auto users = m_store.list_users();
  if (!users) return tl::unexpected(std::move(users.error()));
  for (std::size_t i = 0; i < postmortem.action_items.size(); ++i) {
    const std::string& owner = postmortem.action_items[i].owner;
    if (!owner.empty() && !is_user(*users, owner)) {
      errors.push_back({"action_items[" + std::to_string(i) + "].owner", "there is no user '" + owner + "'"});
    }
  }
  if (!errors.empty()) return fail_validation(std::move(errors));
  const Timestamp now = m_clock.now();
  return change_incident(actor, id,
                         [&](WriteTransaction&, Incident& incident) -> Result<std::optional<IncidentUpdate>> {
                           // A copy: the writer may run a work twice (group_commit_writer.hpp).
                           PostMortem written = postmortem;
                           const bool revised = incident.postmortem.has_value();
                           number_action_items(written, incident.postmortem);
                           written.written_by = actor.name;
                           written.updated_at = now;
                           incident.postmortem = std::move(written);
                           return log_line("postmortem", revised ? "post-mortem revised" : "post-mortem written");
                         });
}

Result<IncidentView> IncidentService::mark_action_item(const Actor& actor, IncidentId id, std::int64_t number,
                                                       bool done) {
  if (auto allowed = m_access.require(actor, permission::incidents_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  const bool may_write = m_access.require(actor, permission::incidents_write).has_value();
  const Timestamp now = m_clock.now();
  return change_incident(
      actor, id, [&](WriteTransaction&, Incident& incident) -> Result<std::optional<IncidentUpdate>> {
        ActionItem* item = nullptr;
        if (incident.postmortem) {
          for (ActionItem& candidate : incident.postmortem->action_items) {
            if (candidate.number == number) item = &candidate;
          }
        }
        if (item == nullptr) {
          return fail(ErrorCode::not_found,
                      "Incident " + std::to_string(id.value) + " has no action item " + std::to_string(number) + ".");
        }
        if (!may_write && item->owner != actor.name) {
          return fail(ErrorCode::permission_denied, "Only the item's owner or incidents:write may mark it.");
        }
        if (done == item->done_at.has_value()) return std::nullopt;
        item->done_at = done ? std::optional<Timestamp>(now) : std::nullopt;
        return log_line("action_item", "action item " + std::to_string(number) + (done ? " done" : " reopened"));
      });
}

Result<TicketLinks> IncidentService::links_of_ticket(const Actor& actor, TicketId ticket) {
  if (auto allowed = m_access.require(actor, permission::incidents_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto found = m_store.find_ticket(ticket);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return fail(ErrorCode::not_found, "There is no ticket " + ticket_key(ticket) + ".");
  if (auto visible = m_access.require_visible(actor, **found); !visible) {
    return tl::unexpected(std::move(visible.error()));
  }
  return m_store.ticket_links(ticket);
}

Result<std::vector<SeverityProtocol>> IncidentService::protocols(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::incidents_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  std::vector<SeverityProtocol> protocols = m_catalog.severity_protocols;
  std::sort(protocols.begin(), protocols.end(),
            [](const SeverityProtocol& a, const SeverityProtocol& b) { return a.severity < b.severity; });
  return protocols;
}

Result<IncidentView> IncidentService::change_incident(const Actor& actor, IncidentId id, const Change& change) {
  const Timestamp now = m_clock.now();
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto found = tx.find_incident(id);
    if (!found) return tl::unexpected(std::move(found.error()));
    auto incident = require_incident(std::move(*found), id);
    if (!incident) return tl::unexpected(std::move(incident.error()));
    auto line = change(tx, *incident);
    if (!line) return tl::unexpected(std::move(line.error()));
    if (!*line) return {};  // nothing changed: nothing to write
    if (auto updated = tx.update_incident(*incident); !updated) return updated;
    (*line)->at = now;
    (*line)->author = actor.name;
    return tx.append_incident_update(id, **line);
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return get(actor, id);
}

Result<IncidentView> IncidentService::view(const Actor& actor, Incident incident) {
  std::vector<Ticket> tickets;
  for (const TicketId id : incident.tickets) {
    auto ticket = m_store.find_ticket(id);
    if (!ticket) return tl::unexpected(std::move(ticket.error()));
    if (*ticket) tickets.push_back(std::move(**ticket));
  }
  IncidentView shown;
  shown.impact = incident_impact(tickets, m_clock.now());
  if (const SeverityProtocol* protocol = find_protocol(m_catalog.severity_protocols, incident.severity)) {
    shown.protocol = *protocol;
  }
  if (!m_access.may_read_pii(actor)) {
    const auto& detector = m_access.detector();
    incident.title = detector.mask(incident.title);
    for (IncidentUpdate& update : incident.updates) update.message = detector.mask(update.message);
    if (incident.postmortem) {
      PostMortem& postmortem = *incident.postmortem;
      for (TimelineEntry& entry : postmortem.timeline) entry.event = detector.mask(entry.event);
      postmortem.impact = detector.mask(postmortem.impact);
      postmortem.root_cause = detector.mask(postmortem.root_cause);
      for (std::string& factor : postmortem.contributing_factors) factor = detector.mask(factor);
      for (ActionItem& item : postmortem.action_items) item.title = detector.mask(item.title);
    }
  }
  shown.incident = std::move(incident);
  return shown;
}

Result<void> IncidentService::link_ticket(WriteTransaction& tx, const Actor& actor, Incident& incident, TicketId ticket,
                                          Timestamp now) {
  auto found = tx.find_ticket(ticket);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found || !m_access.may_see(actor, **found)) {
    return fail_validation({{"tickets", "there is no ticket " + ticket_key(ticket)}});
  }
  auto previous = tx.link_incident_ticket(incident.id, ticket, now);
  if (!previous) return tl::unexpected(std::move(previous.error()));
  if (*previous == incident.id) return {};
  const nlohmann::json before = *previous ? nlohmann::json((*previous)->value) : nlohmann::json(nullptr);
  return tx.append_journal(ticket, now, actor.name, "incident", {{"incident", before, incident.id.value}});
}

}  // namespace snag
