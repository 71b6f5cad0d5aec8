#include <snag/app/ticket_writes.hpp>

#include <snag/app/access/access_recorder.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {

Result<Ticket> insert_opened_ticket(WriteTransaction& tx, const Actor& actor, Ticket ticket, Timestamp now) {
  auto id = tx.insert_ticket(ticket);
  if (!id) return tl::unexpected(std::move(id.error()));
  ticket.id = *id;
  if (auto journaled = tx.append_journal(ticket.id, now, actor.name, "create", creation_journal(ticket)); !journaled) {
    return tl::unexpected(std::move(journaled.error()));
  }
  if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, ticket)}); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  return ticket;
}

}  // namespace snag
