#pragma once
// The access rule, in one place: which permissions an actor may use, which tickets it may see,
// and the same rule as conditions for the store's list query. Every path (get, list, search,
// history, bulk, exports, reports, notifications, SSE) asks these functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <snag/domain/actor.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

// The actor's role grants the permission and the credential's scopes (if any) name it.
// An actor whose role is not in the catalog may do nothing.
bool allows(const Catalog& catalog, const Actor& actor, std::string_view permission);

// The sensitivity of a ticket type; restricted for a type the catalog does not know, so that
// removing a type from the configuration never widens who sees its tickets.
Sensitivity sensitivity_of(const Catalog& catalog, std::string_view type);

// A ticket is visible when the actor may read tickets, is cleared for its type's sensitivity,
// and is its reporter, its assignee, a watcher, a member of its team, or has cross-team read.
bool can_see(const Catalog& catalog, const Actor& actor, const Ticket& ticket);

// can_see as conditions on the ticket row, for list queries (so that pages and totals only
// ever hold visible tickets).
struct TicketScope {
  // The types the actor is cleared for; nullopt for a role cleared for restricted, which sees
  // every type (unknown ones too). Empty: none.
  std::optional<std::vector<std::string>> types;
  bool every_team = false;  // when false, the row must match one of the following
  std::optional<std::string> team;
  std::string principal;  // as reporter, assignee or watcher
};

// nullopt when the actor may not read tickets at all.
std::optional<TicketScope> ticket_scope(const Catalog& catalog, const Actor& actor);

}  // namespace snag
