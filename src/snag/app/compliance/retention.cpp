#include <snag/app/compliance/retention.hpp>

#include <algorithm>

#include <snag/app/access/access_recorder.hpp>
#include <snag/app/compliance/erasure.hpp>

namespace snag {
namespace {

constexpr std::size_t k_page = 1000;
constexpr std::size_t k_purges_per_write = 100;

bool held(const std::vector<LegalHold>& holds, const std::optional<CandidateRef>& candidate, TicketId ticket) {
  const TicketId tickets[] = {ticket};
  return std::any_of(holds.begin(), holds.end(),
                     [&](const LegalHold& hold) { return hold_covers(hold, candidate, tickets); });
}

// REQUIRES: inside a write. false when the ticket is gone or held.
Result<bool> purge_ticket(WriteTransaction& tx, const Actor& actor, const std::vector<LegalHold>& holds,
                          const DueTicket& due, Timestamp now) {
  auto found = tx.find_ticket(due.ticket);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found || held(holds, (*found)->candidate, due.ticket)) return false;
  if (auto redacted = redact_ticket_journal(tx, due.ticket); !redacted) {
    return tl::unexpected(std::move(redacted.error()));
  }
  if (auto journaled = tx.append_journal(due.ticket, now, actor.name, "purge",
                                         {{"retention", nullptr, describe(due.deadline)}});
      !journaled) {
    return tl::unexpected(std::move(journaled.error()));
  }
  if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, **found)}); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return tx.delete_ticket(due.ticket);
}

}  // namespace

Result<RetentionPlan> plan_retention(Store& store, const RetentionPolicy& policy, Timestamp now) {
  RetentionPlan plan;
  if (policy.rules.empty()) return plan;
  auto holds = store.list_legal_holds();
  if (!holds) return tl::unexpected(std::move(holds.error()));
  std::erase_if(*holds, [](const LegalHold& hold) { return !hold_active(hold); });
  TicketId after{0};
  for (;;) {
    auto page = store.retention_subjects(after, k_page);
    if (!page) return tl::unexpected(std::move(page.error()));
    for (const RetentionSubject& subject : *page) {
      ++plan.examined;
      const auto deadline = retention_deadline(policy, subject);
      if (!deadline || deadline->at > now) continue;
      if (held(*holds, subject.candidate, subject.ticket)) {
        ++plan.held;
        continue;
      }
      plan.due.push_back(DueTicket{subject.ticket, subject.issue_type, *deadline});
    }
    if (page->size() < k_page) return plan;
    after = page->back().ticket;
  }
}

Result<std::int64_t> purge_tickets(Store& store, const std::vector<DueTicket>& due, Timestamp now,
                                   const PurgeProgress& progress) {
  const Actor actor = system_actor("snag:retention", "job:" + std::string(k_retention_job));
  std::int64_t purged = 0;
  for (std::size_t start = 0; start < due.size(); start += k_purges_per_write) {
    const std::size_t end = std::min(due.size(), start + k_purges_per_write);
    std::int64_t purged_here = 0;
    auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
      purged_here = 0;
      auto holds = tx.active_legal_holds();
      if (!holds) return tl::unexpected(std::move(holds.error()));
      for (std::size_t i = start; i < end; ++i) {
        auto done = purge_ticket(tx, actor, *holds, due[i], now);
        if (!done) return tl::unexpected(std::move(done.error()));
        if (*done) ++purged_here;
      }
      return {};
    });
    if (!written) return tl::unexpected(std::move(written.error()));
    purged += purged_here;
    if (progress) progress(end, due.size());
  }
  return purged;
}

}  // namespace snag
