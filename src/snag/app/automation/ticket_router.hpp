#pragma once
// Routes a ticket as it is opened: the `ticket_created` rules (domain/automation/rule.hpp) set
// its team, assignee, severity and labels, and an `assign` action picks a person of its team
// round-robin or least-loaded. Every path that opens a ticket (the API, ATS events, the
// reconciliation job) goes through it, inside the write that stores the ticket.

#include <memory>
#include <string>
#include <vector>

#include <snag/app/automation/rule_book.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/automation/rule.hpp>
#include <snag/domain/catalog.hpp>
#include <snag/domain/ticket.hpp>

namespace snag {

// What the caller already read of the ticket's candidate (nullopt inside: there is none), so
// that routing does not read it again inside the write; nullopt when the caller did not look.
using CandidateLookup = std::optional<std::optional<Candidate>>;

struct RoutedTicket {
  Ticket ticket;
  std::vector<std::string> rules;  // the rules that acted, for the journal
  std::vector<NotificationRequest> notifications;  // to send once the ticket has its id
};

// Thread-safe: holds only references to immutable configuration and the (thread-safe) rule book.
class TicketRouter {
 public:
  TicketRouter(const Catalog& catalog, const RuleBook& rules);

  // The ticket after the rules, with `extra` (what an ATS rule that opened it asked for)
  // applied first. validation_failed when a rule sets something the ticket cannot take (an
  // assignee too long); an assign action that finds no eligible member leaves the ticket
  // unassigned.
  Result<RoutedTicket> route(WriteTransaction& tx, Ticket ticket, const TicketRouting& extra, Timestamp now,
                             const CandidateLookup& known = std::nullopt) const;

  // The open ticket after the ticket_created rules ran again on it as it is now (after its
  // candidate's level or geography changed), version bumped; nullopt when they change nothing.
  // Rules add and set, never undo: a label an earlier routing added stays.
  Result<std::optional<RoutedTicket>> reroute(WriteTransaction& tx, const Ticket& ticket, Timestamp now) const;

  // The member of the ticket's team (with `role`, when given) who may see and work it and, by
  // the strategy, is next; nullopt when there is none.
  Result<std::optional<std::string>> pick_assignee(WriteTransaction& tx, const Ticket& ticket,
                                                   AssignmentStrategy strategy,
                                                   const std::optional<std::string>& role = std::nullopt) const;

  const Catalog& catalog() const { return m_catalog; }
  // The rules in force now: a snapshot for one operation.
  std::shared_ptr<const RuleSet> rules() const { return m_rules.current(); }

 private:
  const Catalog& m_catalog;
  const RuleBook& m_rules;
};

// A book without rules, for wiring that has none (tests, tools).
const RuleBook& no_rules();

}  // namespace snag
