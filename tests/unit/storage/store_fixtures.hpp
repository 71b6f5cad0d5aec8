#pragma once
// Fixtures of the store tests: a sample ticket and quick inserts, on a TestDatabase.

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/app/ports/store.hpp>

namespace snag::testing {

inline Ticket sample_ticket(std::string title = "Offer letter link expired") {
  Ticket ticket;
  ticket.type = "offer_problem";
  ticket.title = std::move(title);
  ticket.description = "The candidate cannot open the offer.";
  ticket.status = "new";
  ticket.severity = Severity::sev2;
  ticket.team = "recruiting";
  ticket.reporter = "alice";
  ticket.created_at = from_epoch_ms(1'780'000'000'000);
  ticket.updated_at = ticket.created_at;
  return ticket;
}

// Inserts through a write and returns the new id (0 on failure, with a test failure recorded).
inline TicketId insert(Store& store, const Ticket& ticket) {
  TicketId id;
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    auto inserted = tx.insert_ticket(ticket);
    if (!inserted) return tl::unexpected(inserted.error());
    id = *inserted;
    return {};
  });
  EXPECT_TRUE(written) << written.error().message;
  return id;
}


// Inserts the tickets in one write and sets each one's id to the id the store gave it.
inline Result<void> insert_tickets(Store& store, std::vector<Ticket>& tickets) {
  return store.write([&](WriteTransaction& tx) -> Result<void> {
    for (auto& ticket : tickets) {
      auto id = tx.insert_ticket(ticket);
      if (!id) return tl::unexpected(id.error());
      ticket.id = *id;
    }
    return {};
  });
}

}  // namespace snag::testing
