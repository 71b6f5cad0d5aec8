#include <snag/app/ticket_writes.hpp>

#include <snag/app/access/access_recorder.hpp>
#include <snag/app/automation/notifier.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {

Result<Ticket> insert_opened_ticket(WriteTransaction& tx, const TicketRouter& router, const Actor& actor,
                                    Ticket ticket, Timestamp now, const TicketRouting& extra,
                                    const CandidateLookup& candidate) {
  auto routed = router.route(tx, std::move(ticket), extra, now, candidate);
  if (!routed) return tl::unexpected(std::move(routed.error()));
  Ticket& stored = routed->ticket;
  auto id = tx.insert_ticket(stored);
  if (!id) return tl::unexpected(std::move(id.error()));
  stored.id = *id;
  std::vector<FieldChange> changes = creation_journal(stored);
  // Which rules decided the ticket's routing, and whom they told, is part of its audit trail.
  if (!routed->rules.empty()) changes.push_back({"rules", nullptr, routed->rules});
  if (!routed->notifications.empty()) {
    auto notified = send_notifications(tx, router.catalog(), stored, routed->notifications, "rule", now);
    if (!notified) return tl::unexpected(std::move(notified.error()));
    if (!notified->empty()) changes.push_back({"notified", nullptr, *notified});
  }
  if (auto journaled = tx.append_journal(stored.id, now, actor.name, "create", changes); !journaled) {
    return tl::unexpected(std::move(journaled.error()));
  }
  if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, stored)}); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return std::move(stored);
}

}  // namespace snag
