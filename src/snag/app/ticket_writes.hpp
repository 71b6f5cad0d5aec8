#pragma once
// The writes that store a ticket change, shared by every use case that makes one inside an open
// write (the ticket API, tickets opened from ATS events), so that a ticket never lands without
// its journal entries and its access log entry.

#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

// Stores a ticket that open_ticket made, with its creation journal entry and the actor's access
// log entry. Returns it with its new id.
Result<Ticket> insert_opened_ticket(WriteTransaction& tx, const Actor& actor, Ticket ticket, Timestamp now);

}  // namespace snag
