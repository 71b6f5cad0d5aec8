#pragma once
// The writes that store a ticket change, shared by every use case that makes one inside an open
// write (the ticket API, tickets opened from ATS events), so that a ticket never lands without
// its routing, its journal entries and its access log entry.

#include <snag/app/automation/ticket_router.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/actor.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

// Routes a ticket that open_ticket made (`extra`: what the ATS rule that opens it asked for),
// stores it with its creation journal entry (and the names of the rules that routed it) and the
// actor's access log entry. Returns it with its new id.
Result<Ticket> insert_opened_ticket(WriteTransaction& tx, const TicketRouter& router, const Actor& actor,
                                    Ticket ticket, Timestamp now, const TicketRouting& extra = {},
                                    const CandidateLookup& candidate = std::nullopt);

}  // namespace snag
