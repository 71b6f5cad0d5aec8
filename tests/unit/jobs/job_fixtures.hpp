#pragma once
// What the job tests share: a ticket for test jobs to comment on.

#include <gtest/gtest.h>

#include <snag/app/ports/store.hpp>

namespace snag::testing {

// Inserts a ticket and returns its id (a test failure when the write fails).
inline TicketId ticket_for_jobs(Store& store) {
  TicketId id;
  EXPECT_TRUE(store.write([&](WriteTransaction& tx) -> Result<void> {
    Ticket ticket;
    ticket.type = "data_sync_mismatch";
    ticket.title = "jobs comment here";
    ticket.status = "new";
    ticket.team = "hris";
    ticket.reporter = "jobs";
    auto inserted = tx.insert_ticket(ticket);
    if (!inserted) return tl::unexpected(inserted.error());
    id = *inserted;
    return {};
  }));
  return id;
}

}  // namespace snag::testing
