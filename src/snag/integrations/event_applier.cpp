#include <snag/integrations/event_applier.hpp>

#include <snag/app/access/access_recorder.hpp>
#include <snag/app/automation/interview_notices.hpp>
#include <snag/app/compliance/erasure.hpp>
#include <snag/app/ticket_writes.hpp>
#include <snag/domain/automation/facts.hpp>
#include <snag/domain/sla/sla_clock.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {
namespace {

// Changes made on the ATS's behalf are journaled and logged under the connector's name.
Actor connector_actor(const Connector& connector) {
  return system_actor("ats:" + connector.id, "connector:" + connector.id, "ats");
}

// The profile after the event: what the event says, over what Snag had.
CandidateProfile merged_profile(const std::optional<Candidate>& existing, const CandidateProfile& incoming) {
  CandidateProfile profile = existing ? existing->profile : CandidateProfile{};
  if (incoming.name) profile.name = incoming.name;
  if (incoming.email) profile.email = incoming.email;
  if (incoming.level) profile.level = incoming.level;
  if (incoming.geography) profile.geography = incoming.geography;
  if (incoming.fields.is_object()) {
    if (!profile.fields.is_object()) profile.fields = nlohmann::json::object();
    for (const auto& [key, value] : incoming.fields.items()) profile.fields[key] = value;
  }
  return profile;
}

// Fills in, from an older description, what the newer profile does not say; false when it says
// everything the older one does. A partial update that arrived first leaves the rest unknown.
bool fill_gaps(CandidateProfile& profile, const CandidateProfile& older) {
  bool filled = false;
  const auto fill = [&](std::optional<std::string>& field, const std::optional<std::string>& from) {
    if (field || !from) return;
    field = from;
    filled = true;
  };
  fill(profile.name, older.name);
  fill(profile.email, older.email);
  fill(profile.level, older.level);
  fill(profile.geography, older.geography);
  if (older.fields.is_object()) {
    if (!profile.fields.is_object()) profile.fields = nlohmann::json::object();
    for (const auto& [key, value] : older.fields.items()) {
      if (profile.fields.contains(key)) continue;
      profile.fields[key] = value;
      filled = true;
    }
  }
  return filled;
}

// The ATS deleted or anonymised the candidate: Snag marks when (retention counts from it, and a
// candidate Snag never saw gets a row for it, so that a late event describes no one), and files
// an erasure request (app/compliance/erasure.hpp) unless the candidate was erased already.
Result<void> apply_purge(WriteTransaction& tx, const Connector& connector, CandidateRef ref, Timestamp purged_at,
                         Timestamp now) {
  auto survivor = tx.merged_into(ref);
  if (!survivor) return tl::unexpected(std::move(survivor.error()));
  if (*survivor) ref.external_id = **survivor;
  auto existing = tx.find_candidate(ref);
  if (!existing) return tl::unexpected(std::move(existing.error()));
  if (*existing && (*existing)->erased_at) return {};
  Candidate candidate = existing->value_or(Candidate{ref, {}, now, now, std::nullopt, std::nullopt});
  if (!candidate.purged_at) {
    candidate.purged_at = purged_at;
    candidate.updated_at = now;
    if (auto stored = tx.upsert_candidate(candidate); !stored) return tl::unexpected(std::move(stored.error()));
  }
  const std::string source = "ats:" + connector.id;
  auto filed = file_erasure_request(tx, ref, source, source, now);
  if (!filed) return tl::unexpected(std::move(filed.error()));
  return {};
}

std::string event_summary(const AtsEvent& event) {
  std::string text = "ATS event " + std::string(to_string(event.type)) + " (" + event.source_action + ") at " +
                     format_rfc3339(event.occurred_at);
  if (event.stage) text += ", stage " + *event.stage;
  return text;
}

}  // namespace

EventApplier::EventApplier(const Catalog& catalog, const TicketRouter& router,
                           std::chrono::hours interview_notice_horizon)
    : m_catalog(catalog), m_router(router), m_interview_notice_horizon(interview_notice_horizon) {}

Result<AppliedEvent> EventApplier::apply(WriteTransaction& tx, const Connector& connector, const AtsEvent& event,
                                         Timestamp now) const {
  AppliedEvent applied;
  // Before the candidate check: Greenhouse's interview_deleted names only the interview.
  if (event.type == AtsEventType::interview_scheduled || event.type == AtsEventType::interview_cancelled) {
    auto fresh = advance_clock(tx, connector, event.object, event.occurred_at);
    if (!fresh) return tl::unexpected(std::move(fresh.error()));
    if (*fresh) {
      if (auto recorded = record_interview(tx, connector.id, event, m_interview_notice_horizon, now); !recorded) {
        return tl::unexpected(std::move(recorded.error()));
      }
    }
  }
  if (!event.candidate) return applied;  // recorded with its delivery; nothing here to change

  const Actor actor = connector_actor(connector);
  if (event.type == AtsEventType::candidate_merged) {
    auto fresh = advance_clock(tx, connector, event.object, event.occurred_at);
    if (!fresh) return tl::unexpected(std::move(fresh.error()));
    applied.superseded = !*fresh;
    if (applied.superseded) return applied;
    if (auto merged = apply_merge(tx, actor, event, now); !merged) return tl::unexpected(std::move(merged.error()));
    return applied;
  }

  if (event.type == AtsEventType::candidate_deleted || event.type == AtsEventType::candidate_anonymized) {
    if (auto purged = apply_purge(tx, connector, *event.candidate, event.occurred_at, now); !purged) {
      return tl::unexpected(std::move(purged.error()));
    }
    return applied;
  }

  // Events about a merged-away id land on the candidate that survived.
  CandidateRef ref = *event.candidate;
  auto survivor = tx.merged_into(ref);
  if (!survivor) return tl::unexpected(std::move(survivor.error()));
  if (*survivor) ref.external_id = **survivor;

  // The profile is the state Snag keeps of a candidate, ordered by source time per candidate,
  // whichever object (candidate, application, offer) the event is about. An event that does not
  // describe the candidate is an occurrence: it neither reads nor moves the clock.
  if (event.profile) {
    auto fresh = advance_clock(tx, connector, "candidate:" + ref.external_id, event.occurred_at);
    if (!fresh) return tl::unexpected(std::move(fresh.error()));
    applied.superseded = !*fresh;
  }
  auto known = ensure_candidate(tx, connector, ref, event, applied.superseded, now);
  if (!known) return tl::unexpected(std::move(known.error()));
  applied.candidate_created = known->created;
  if (event.type == AtsEventType::application_withdrawn) {
    if (auto recorded = tx.record_withdrawal(ref, event.occurred_at); !recorded) {
      return tl::unexpected(std::move(recorded.error()));
    }
  }
  if (known->routing_facts_changed && !known->created) {
    if (auto rerouted = reroute_open_tickets(tx, actor, ref, known->geography, now); !rerouted) {
      return tl::unexpected(std::move(rerouted.error()));
    }
  }

  // A blocker opens or adds to its ticket whenever it arrives, even after newer events.
  if (auto opened = open_tickets(tx, actor, ref, event, now, applied); !opened) {
    return tl::unexpected(std::move(opened.error()));
  }
  return applied;
}

Result<void> EventApplier::open_tickets(WriteTransaction& tx, const Actor& actor, const CandidateRef& ref,
                                        const AtsEvent& event, Timestamp now, AppliedEvent& applied) const {
  const auto rules = m_router.rules();
  if (!any_rule_listens(*rules, event.type)) return {};
  auto candidate = tx.find_candidate(ref);
  if (!candidate) return tl::unexpected(std::move(candidate.error()));
  const FactSource facts = fact_source(&event, nullptr, *candidate);
  for (const TicketToOpen& wanted : tickets_for_ats_event(*rules, event.type, facts, now)) {
    auto ticket = open_or_add_to_ticket(tx, actor, ref, *candidate, wanted, event, now);
    if (!ticket) return tl::unexpected(std::move(ticket.error()));
    (ticket->second ? applied.opened_tickets : applied.updated_tickets).push_back(ticket->first);
  }
  return {};
}

Result<bool> EventApplier::advance_clock(WriteTransaction& tx, const Connector& connector, const std::string& object,
                                         Timestamp occurred_at) const {
  auto last = tx.object_applied_at(connector.id, object);
  if (!last) return tl::unexpected(std::move(last.error()));
  if (!supersedes(occurred_at, *last)) return false;
  if (auto marked = tx.set_object_applied_at(connector.id, object, occurred_at); !marked) {
    return tl::unexpected(std::move(marked.error()));
  }
  return true;
}

Result<EventApplier::CandidateChange> EventApplier::ensure_candidate(WriteTransaction& tx, const Connector& connector,
                                                                    const CandidateRef& ref, const AtsEvent& event,
                                                                    bool superseded, Timestamp now) const {
  auto existing = tx.find_candidate(ref);
  if (!existing) return tl::unexpected(std::move(existing.error()));
  const bool described = event.profile.has_value();
  if (!described && *existing) return CandidateChange{};

  Candidate candidate;
  candidate.ref = ref;
  if (superseded && *existing) {
    // An older event must not overwrite what a newer one said: it only fills in what no newer
    // event said, so that the order of arrival does not decide the profile.
    candidate.profile = (*existing)->profile;
    if (!fill_gaps(candidate.profile, *event.profile)) return CandidateChange{};
  } else {
    candidate.profile = merged_profile(*existing, event.profile.value_or(CandidateProfile{}));
  }
  candidate.created_at = *existing ? (*existing)->created_at : now;
  candidate.updated_at = now;
  auto created = tx.upsert_candidate(candidate);
  if (!created) return tl::unexpected(std::move(created.error()));
  if (described) {
    // The ATS has now described the candidate: whatever was unknown about it is settled.
    if (auto resolved = tx.resolve_reconciliations(ref, now); !resolved) {
      return tl::unexpected(std::move(resolved.error()));
    }
  }
  if (*created && !described) {
    // Snag has never seen this candidate and the event does not describe it: keep a stub so the
    // ticket has a candidate, and a record that the feeds disagree until a sync fills it in.
    Reconciliation reconciliation;
    reconciliation.connector = connector.id;
    reconciliation.kind = "unknown_candidate";
    reconciliation.candidate = ref;
    reconciliation.detail = event_summary(event) + " named a candidate Snag did not know";
    reconciliation.created_at = now;
    if (auto recorded = tx.insert_reconciliation(reconciliation); !recorded) {
      return tl::unexpected(std::move(recorded.error()));
    }
  }
  CandidateChange change;
  change.created = *created;
  change.routing_facts_changed = *existing && ((*existing)->profile.level != candidate.profile.level ||
                                               (*existing)->profile.geography != candidate.profile.geography);
  change.geography = candidate.profile.geography;
  return change;
}

Result<void> EventApplier::reroute_open_tickets(WriteTransaction& tx, const Actor& actor, const CandidateRef& ref,
                                                const std::optional<std::string>& geography, Timestamp now) const {
  auto tickets = tx.candidate_tickets(ref);
  if (!tickets) return tl::unexpected(std::move(tickets.error()));
  for (const Ticket& before : *tickets) {
    if (!m_catalog.is_open(before.type, before.status)) continue;
    // The SLA clock runs on the calendar of the candidate's geography, as if the ATS had
    // described the candidate before the ticket was opened.
    Ticket relocated = before;
    if (relocated.candidate_geography != geography) {
      relocated.candidate_geography = geography;
      plan_sla_clock(m_catalog.sla, relocated);
    }
    auto rerouted = m_router.reroute(tx, relocated, now);
    if (!rerouted) return tl::unexpected(std::move(rerouted.error()));
    Ticket after = *rerouted ? (*rerouted)->ticket : relocated;
    std::vector<FieldChange> changes = diff_tickets(before, after);
    if (changes.empty()) {
      // Nothing anyone sees moved (the same calendar): only the geography is remembered.
      if (after.candidate_geography == before.candidate_geography) continue;
      if (auto updated = tx.update_ticket(after); !updated) return updated;
      continue;
    }
    if (!*rerouted) {
      after.version = before.version + 1;
      after.updated_at = now;
    }
    if (auto updated = tx.update_ticket(after); !updated) return updated;
    if (*rerouted) changes.push_back({"rules", nullptr, (*rerouted)->rules});
    if (auto journaled = tx.append_journal(before.id, now, actor.name, "update", changes); !journaled) {
      return journaled;
    }
    if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, after)}); !logged) {
      return logged;
    }
  }
  return {};
}

Result<void> EventApplier::apply_merge(WriteTransaction& tx, const Actor& actor, const AtsEvent& event,
                                       Timestamp now) const {
  if (!event.merged_from || !event.merged_into) return {};
  const CandidateRef from{event.candidate->ats, *event.merged_from};
  const CandidateRef into{event.candidate->ats, *event.merged_into};
  if (from == into) return {};
  if (auto recorded = tx.record_candidate_merge(from, into.external_id, now); !recorded) return recorded;

  auto survivor = tx.find_candidate(into);
  if (!survivor) return tl::unexpected(std::move(survivor.error()));
  if (!*survivor) {
    auto absorbed = tx.find_candidate(from);
    if (!absorbed) return tl::unexpected(std::move(absorbed.error()));
    Candidate candidate;
    candidate.ref = into;
    if (*absorbed) candidate.profile = (*absorbed)->profile;
    candidate.created_at = now;
    candidate.updated_at = now;
    if (auto upserted = tx.upsert_candidate(candidate); !upserted) return tl::unexpected(std::move(upserted.error()));
  }

  auto tickets = tx.candidate_tickets(from);
  if (!tickets) return tl::unexpected(std::move(tickets.error()));
  for (const Ticket& before : *tickets) {
    TicketEdit edit;
    edit.candidate = std::optional<CandidateRef>{into};
    auto after = edit_ticket(m_catalog, before, edit, now);
    if (!after) return tl::unexpected(std::move(after.error()));
    if (auto updated = tx.update_ticket(*after); !updated) return updated;
    if (auto journaled = tx.append_journal(after->id, now, actor.name, "merge", diff_tickets(before, *after));
        !journaled) {
      return journaled;
    }
    if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, *after)}); !logged) {
      return logged;
    }
  }
  return {};
}

Result<std::pair<TicketId, bool>> EventApplier::open_or_add_to_ticket(WriteTransaction& tx, const Actor& actor,
                                                                      const CandidateRef& ref,
                                                                      const std::optional<Candidate>& candidate,
                                                                      const TicketToOpen& wanted,
                                                                      const AtsEvent& event, Timestamp now) const {
  const std::string& issue_type = wanted.issue_type;
  auto tickets = tx.candidate_tickets(ref);
  if (!tickets) return tl::unexpected(std::move(tickets.error()));
  for (const Ticket& ticket : *tickets) {
    if (ticket.type != issue_type || !m_catalog.is_open(ticket.type, ticket.status)) continue;
    // One open ticket per candidate and type: a repeat of the blocker is added to it.
    const std::string body = event_summary(event) + " happened again.";
    if (auto comment = tx.insert_comment(ticket.id, actor.name, body, now); !comment) {
      return tl::unexpected(std::move(comment.error()));
    }
    if (auto journaled = tx.append_journal(ticket.id, now, actor.name, "comment", {{"comment", nullptr, body}});
        !journaled) {
      return tl::unexpected(std::move(journaled.error()));
    }
    return std::pair{ticket.id, false};
  }

  const IssueType* type = m_catalog.find_issue_type(issue_type);
  TicketDraft draft;
  draft.type = issue_type;
  draft.title = (type ? type->name : issue_type) + " for candidate " + ref.external_id;
  draft.description = event_summary(event) + ".";
  if (!event.detail.empty()) draft.description += "\n\nDetails from the ATS: " + event.detail.dump();
  draft.candidate = ref;
  draft.labels = {"ats", "auto"};
  draft.fields = nlohmann::json{{"ats_event", std::string(to_string(event.type))}, {"ats_object", event.object}};
  auto opened = open_ticket(m_catalog, draft, actor, now, candidate ? candidate->profile.geography : std::nullopt);
  if (!opened) return tl::unexpected(std::move(opened.error()));
  auto inserted = insert_opened_ticket(tx, m_router, actor, std::move(*opened), now, wanted.routing, candidate);
  if (!inserted) return tl::unexpected(std::move(inserted.error()));
  return std::pair{inserted->id, true};
}

}  // namespace snag
