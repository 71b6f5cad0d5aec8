#include <span>

#include <nlohmann/json.hpp>

#include <snag/app/access/access_recorder.hpp>
#include <snag/app/compliance/erasure.hpp>
#include <snag/domain/compliance/mentions.hpp>
#include <snag/domain/compliance/redaction.hpp>

namespace snag {
namespace {

Result<void> queue_erasure_job(WriteTransaction& tx, ErasureRequestId id, Timestamp now) {
  NewJob job;
  job.kind = std::string(k_erasure_job);
  job.payload = nlohmann::json{{"request", id.value}}.dump();
  job.run_at = now;
  auto queued = tx.enqueue_job(job, now);
  if (!queued) return tl::unexpected(std::move(queued.error()));
  return {};
}

Result<void> erase_ticket(WriteTransaction& tx, const Actor& actor, const ErasureRequest& request, Ticket ticket,
                          Timestamp now, ErasureReport& report) {
  const TicketId id = ticket.id;
  Ticket erased = redact_ticket(ticket);
  if (erased.title != ticket.title || erased.description != ticket.description || erased.fields != ticket.fields) {
    erased.version = ticket.version + 1;
    erased.updated_at = now;
    if (auto updated = tx.update_ticket(erased); !updated) return updated;
  }
  auto comments = tx.redact_comments(id, k_redaction_marker);
  if (!comments) return tl::unexpected(std::move(comments.error()));
  auto notifications = tx.redact_notifications(id, k_redaction_marker);
  if (!notifications) return tl::unexpected(std::move(notifications.error()));
  auto entries = redact_ticket_journal(tx, id);
  if (!entries) return tl::unexpected(std::move(entries.error()));
  // After the redaction, so that the record of the erasure itself stays whole.
  if (auto journaled = tx.append_journal(id, now, actor.name, "erase", {{"erasure_request", nullptr, request.id.value}});
      !journaled) {
    return journaled;
  }
  if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, erased)}); !logged) {
    return logged;
  }
  report.tickets.push_back(id);
  report.comments += *comments;
  report.notifications += *notifications;
  report.journal_entries += *entries;
  return {};
}

// Incidents and change records are about many candidates and stay; what names this one in their
// text goes (domain/compliance/mentions.hpp).
Result<void> erase_mentions(WriteTransaction& tx, std::span<const std::string> mentions, ErasureReport& report) {
  if (mentions.empty()) return {};
  auto ids = tx.incident_ids();
  if (!ids) return tl::unexpected(std::move(ids.error()));
  for (const IncidentId id : *ids) {
    auto found = tx.find_incident(id);
    if (!found) return tl::unexpected(std::move(found.error()));
    if (!*found) continue;
    const Incident& stored = **found;
    Incident erased = stored;
    if (!redact_incident_mentions(erased, mentions)) continue;
    if (auto updated = tx.update_incident(erased); !updated) return updated;
    for (std::size_t i = 0; i < stored.updates.size(); ++i) {
      const std::string& before = stored.updates[i].message;
      const std::string& after = erased.updates[i].message;
      if (before == after) continue;
      if (auto replaced = tx.replace_incident_update_message(id, before, after); !replaced) return replaced;
    }
    ++report.incidents;
  }
  auto changes = tx.all_changes();
  if (!changes) return tl::unexpected(std::move(changes.error()));
  for (const ChangeRecord& change : *changes) {
    const std::string summary = redact_mentions(change.summary, mentions);
    if (summary == change.summary) continue;
    if (auto updated = tx.update_change_summary(change.id, summary); !updated) return updated;
    ++report.changes;
  }
  return {};
}

// The candidate the request is about now: the survivor when it was merged into another.
Result<CandidateRef> surviving_candidate(WriteTransaction& tx, CandidateRef ref) {
  auto survivor = tx.merged_into(ref);
  if (!survivor) return tl::unexpected(std::move(survivor.error()));
  if (*survivor) ref.external_id = **survivor;
  return ref;
}

}  // namespace

Result<ErasureRequest> file_erasure_request(WriteTransaction& tx, const CandidateRef& candidate, std::string source,
                                            std::string requested_by, Timestamp now) {
  ErasureRequest request;
  request.candidate = candidate;
  request.source = std::move(source);
  request.requested_by = std::move(requested_by);
  request.requested_at = now;
  auto id = tx.insert_erasure_request(request);
  if (!id) return tl::unexpected(std::move(id.error()));
  request.id = *id;
  if (auto queued = queue_erasure_job(tx, request.id, now); !queued) return tl::unexpected(std::move(queued.error()));
  return request;
}

Result<ErasureRequest> carry_out_erasure(WriteTransaction& tx, ErasureRequestId id, Timestamp now) {
  auto found = tx.find_erasure_request(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return fail(ErrorCode::not_found, "There is no erasure request " + std::to_string(id.value) + ".");
  ErasureRequest request = std::move(**found);
  if (request.status == ErasureStatus::completed) return request;

  auto ref = surviving_candidate(tx, request.candidate);
  if (!ref) return tl::unexpected(std::move(ref.error()));
  auto tickets = tx.candidate_tickets(*ref);
  if (!tickets) return tl::unexpected(std::move(tickets.error()));
  std::vector<TicketId> ids;
  for (const Ticket& ticket : *tickets) ids.push_back(ticket.id);

  auto holds = tx.active_legal_holds();
  if (!holds) return tl::unexpected(std::move(holds.error()));
  request.held_by.clear();
  for (const LegalHold& hold : *holds) {
    if (hold_covers(hold, request.candidate, ids) || hold_covers(hold, *ref, ids)) request.held_by.push_back(hold.id);
  }
  if (!request.held_by.empty()) {
    request.status = ErasureStatus::held;
    if (auto updated = tx.update_erasure_request(request); !updated) return tl::unexpected(std::move(updated.error()));
    return request;
  }

  const Actor actor =
      system_actor(request.requested_by, "erasure-request:" + std::to_string(request.id.value), "snag");
  ErasureReport report;
  for (Ticket& ticket : *tickets) {
    if (auto erased = erase_ticket(tx, actor, request, std::move(ticket), now, report); !erased) {
      return tl::unexpected(std::move(erased.error()));
    }
  }
  for (const CandidateRef& named : {request.candidate, *ref}) {
    auto deliveries = tx.redact_deliveries(named, k_redaction_marker);
    if (!deliveries) return tl::unexpected(std::move(deliveries.error()));
    report.deliveries += *deliveries;
    if (named == *ref) break;  // not merged: one id
  }
  auto candidate = tx.find_candidate(*ref);
  if (!candidate) return tl::unexpected(std::move(candidate.error()));
  if (*candidate) {
    // Before the profile loses the name and the email that the mentions are found by.
    const auto mentions = personal_mentions((*candidate)->profile);
    if (auto erased = erase_mentions(tx, mentions, report); !erased) return tl::unexpected(std::move(erased.error()));
    Candidate erased = std::move(**candidate);
    erased.profile = redact_profile(std::move(erased.profile));
    erased.erased_at = now;
    erased.updated_at = now;
    if (auto stored = tx.upsert_candidate(erased); !stored) return tl::unexpected(std::move(stored.error()));
    report.candidate_found = true;
  }
  request.status = ErasureStatus::completed;
  request.completed_at = now;
  request.report = std::move(report);
  if (auto updated = tx.update_erasure_request(request); !updated) return tl::unexpected(std::move(updated.error()));
  return request;
}

Result<std::int64_t> redact_ticket_journal(WriteTransaction& tx, TicketId ticket) {
  auto entries = tx.ticket_journal(ticket);
  if (!entries) return tl::unexpected(std::move(entries.error()));
  std::int64_t redacted = 0;
  for (const JournalEntry& entry : *entries) {
    JournalEntry erased = redact_journal_entry(entry);
    if (erased.old_value == entry.old_value && erased.new_value == entry.new_value) continue;
    if (auto stored = tx.store_redacted_journal_entry(erased); !stored) return tl::unexpected(std::move(stored.error()));
    ++redacted;
  }
  return redacted;
}

Result<void> retry_held_erasures(WriteTransaction& tx, Timestamp now) {
  auto held = tx.erasure_requests_in(ErasureStatus::held);
  if (!held) return tl::unexpected(std::move(held.error()));
  for (const ErasureRequest& request : *held) {
    if (auto queued = queue_erasure_job(tx, request.id, now); !queued) return queued;
  }
  return {};
}

}  // namespace snag
