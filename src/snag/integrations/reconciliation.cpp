#include <snag/integrations/reconciliation.hpp>

#include <snag/app/ticket_writes.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {

Result<std::size_t> open_mismatch_tickets(Store& store, const Catalog& catalog, const TicketRouter& router,
                                          const AtsPolicy& policy, Timestamp now) {
  std::size_t opened = 0;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    opened = 0;  // the writer may run a work twice (group_commit_writer.hpp)
    auto overdue = tx.overdue_reconciliations(now - policy.mismatch_ticket_after);
    if (!overdue) return tl::unexpected(std::move(overdue.error()));
    const Actor actor = system_actor("snag:reconciliation", "job:ats.reconcile");
    for (auto& reconciliation : *overdue) {
      TicketDraft draft;
      draft.type = policy.mismatch_issue_type;
      draft.team = policy.mismatch_team;
      draft.title = "ATS data mismatch for candidate " + reconciliation.candidate.external_id;
      draft.description = reconciliation.detail + ". Unresolved since " +
                          format_rfc3339(reconciliation.created_at) + " (connector " + reconciliation.connector +
                          ", reconciliation " + std::to_string(reconciliation.id.value) + ").";
      draft.candidate = reconciliation.candidate;
      draft.labels = {"ats", "reconciliation"};
      auto candidate = tx.find_candidate(reconciliation.candidate);
      if (!candidate) return tl::unexpected(std::move(candidate.error()));
      auto ticket = open_ticket(catalog, draft, actor, now, *candidate ? (*candidate)->profile.geography : std::nullopt);
      if (!ticket) return tl::unexpected(std::move(ticket.error()));
      auto inserted = insert_opened_ticket(tx, router, actor, std::move(*ticket), now, {}, *candidate);
      if (!inserted) return tl::unexpected(std::move(inserted.error()));
      reconciliation.ticket = inserted->id;
      if (auto linked = tx.update_reconciliation(reconciliation); !linked) return linked;
      ++opened;
    }
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  return opened;
}

}  // namespace snag
