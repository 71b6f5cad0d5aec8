#pragma once
// What the job tests share: a ticket for test jobs to comment on, users for notifications to
// find, and tickets opened as the API opens them.

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <default_catalog.hpp>

#include <snag/app/ports/store.hpp>
#include <snag/app/ticket_writes.hpp>
#include <snag/domain/ticket_changes.hpp>

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

// A user of `team` (a test failure when the write fails): the notifier finds recipients among
// a team's users.
inline void add_user(Store& store, const std::string& name, const std::string& role, const std::string& team,
                     Timestamp at) {
  UserRecord user;
  user.username = name;
  user.display_name = name;
  user.role = role;
  user.team = team;
  user.password_hash = "unused";
  user.created_at = at;
  EXPECT_TRUE(store.write([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.insert_user(user);
    if (!id) return tl::unexpected(id.error());
    return {};
  }));
}

// Leases every job due at `now` (up to 50), as the job runner does (a test failure when the
// write fails).
inline std::vector<Job> lease_due_jobs(Store& store, Timestamp now) {
  LeaseRequest request;
  request.node = "test";
  request.max_jobs = 50;
  request.now = now;
  std::vector<Job> jobs;
  EXPECT_TRUE(store.write([&](WriteTransaction& tx) -> Result<void> {
    auto leased = tx.lease_jobs(request);
    if (!leased) return tl::unexpected(leased.error());
    jobs = std::move(*leased);
    return {};
  }));
  return jobs;
}

// Opens the draft at `at` through the shipped catalog and routing, as POST /api/v1/tickets
// does, and returns its id.
inline TicketId open_routed_ticket(Store& store, const TicketDraft& draft, Timestamp at) {
  Actor actor;
  actor.name = "tester";
  actor.role = "admin";
  TicketId id;
  EXPECT_TRUE(store.write([&](WriteTransaction& tx) -> Result<void> {
    auto opened = open_ticket(default_catalog(), draft, actor, at);
    if (!opened) return tl::unexpected(opened.error());
    auto inserted = insert_opened_ticket(tx, default_router(), actor, std::move(*opened), at);
    if (!inserted) return tl::unexpected(inserted.error());
    id = inserted->id;
    return {};
  }));
  return id;
}

}  // namespace snag::testing
