#include <snag/app/incidents/change_service.hpp>
#include <snag/domain/access/access_policy.hpp>

namespace snag {
namespace {

tl::unexpected<Error> no_change(const std::string& id) {
  return fail(ErrorCode::not_found, "There is no change '" + id + "'.");
}

// As the actor may read it: a summary may name a person (the candidate whose record a change
// fixed), so it is masked for callers without pii:read, as incident texts are.
ChangeRecord shown(const AccessGuard& access, const Actor& actor, ChangeRecord change) {
  if (!access.may_read_pii(actor)) change.summary = access.detector().mask(change.summary);
  return change;
}

}  // namespace

ChangeService::ChangeService(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<ChangeRecord> ChangeService::record(const Actor& actor, ChangeRecord change) {
  if (auto allowed = m_access.require(actor, permission::incidents_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (auto errors = validate_change_record(change); !errors.empty()) return fail_validation(std::move(errors));
  change.recorded_by = actor.name;
  change.recorded_at = m_clock.now();
  auto written = m_store.write([&](WriteTransaction& tx) { return tx.insert_change(change); });
  if (!written) return tl::unexpected(std::move(written.error()));
  return shown(m_access, actor, std::move(change));
}

Result<ChangeView> ChangeService::get(const Actor& actor, const std::string& id) {
  if (auto allowed = m_access.require(actor, permission::incidents_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto change = m_store.find_change(id);
  if (!change) return tl::unexpected(std::move(change.error()));
  if (!*change) return no_change(id);
  auto links = m_store.change_links(id);
  if (!links) return tl::unexpected(std::move(links.error()));
  return ChangeView{shown(m_access, actor, std::move(**change)), std::move(*links)};
}

Result<std::vector<ChangeRecord>> ChangeService::list(const Actor& actor, std::size_t limit) {
  if (auto allowed = m_access.require(actor, permission::incidents_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto changes = m_store.list_changes(limit);
  if (!changes) return tl::unexpected(std::move(changes.error()));
  for (ChangeRecord& change : *changes) change = shown(m_access, actor, std::move(change));
  return changes;
}

Result<ChangeView> ChangeService::link(const Actor& actor, const std::string& id, const std::vector<TicketId>& tickets,
                                       const std::vector<IncidentId>& incidents) {
  if (auto allowed = m_access.require(actor, permission::incidents_write); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  if (tickets.empty() && incidents.empty()) {
    return fail_validation({{"tickets", "name at least one ticket or incident"}});
  }
  const Timestamp now = m_clock.now();
  auto written = m_store.write([&](WriteTransaction& tx) -> Result<void> {
    auto change = tx.find_change(id);
    if (!change) return tl::unexpected(std::move(change.error()));
    if (!*change) return no_change(id);
    for (const TicketId ticket : tickets) {
      auto found = tx.find_ticket(ticket);
      if (!found) return tl::unexpected(std::move(found.error()));
      if (!*found || !m_access.may_see(actor, **found)) {
        return fail_validation({{"tickets", "there is no ticket " + ticket_key(ticket)}});
      }
      auto previous = tx.link_change_ticket(id, ticket, now);
      if (!previous) return tl::unexpected(std::move(previous.error()));
      if (*previous == id) continue;
      const nlohmann::json before = *previous ? nlohmann::json(**previous) : nlohmann::json(nullptr);
      auto journaled = tx.append_journal(ticket, now, actor.name, "caused_by", {{"caused_by_change", before, id}});
      if (!journaled) return journaled;
    }
    for (const IncidentId incident_id : incidents) {
      auto found = tx.find_incident(incident_id);
      if (!found) return tl::unexpected(std::move(found.error()));
      if (!*found) return fail_validation({{"incidents", "there is no incident " + std::to_string(incident_id.value)}});
      Incident& incident = **found;
      if (incident.caused_by_change == id) continue;
      incident.caused_by_change = id;
      if (auto updated = tx.update_incident(incident); !updated) return updated;
      auto logged = tx.append_incident_update(incident.id, {now, actor.name, "edit", "caused by change " + id});
      if (!logged) return logged;
    }
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return get(actor, id);
}

Result<std::vector<ChangeDefects>> ChangeService::defects(const Actor& actor, Timestamp from, Timestamp to) {
  if (auto allowed = m_access.require(actor, permission::incidents_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  auto defects = m_store.change_defects(from, to);
  if (!defects) return tl::unexpected(std::move(defects.error()));
  for (ChangeDefects& row : *defects) row.change = shown(m_access, actor, std::move(row.change));
  return defects;
}

}  // namespace snag
