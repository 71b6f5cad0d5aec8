#include <snag/app/automation/sla_sweep.hpp>

#include <algorithm>

#include <snag/app/access/access_recorder.hpp>
#include <snag/app/automation/notifier.hpp>
#include <snag/domain/automation/facts.hpp>
#include <snag/domain/sla/sla_points.hpp>
#include <snag/domain/ticket_changes.hpp>
#include <snag/util/log.hpp>

namespace snag {
namespace {

constexpr std::size_t k_round_size = 256;

Actor escalation_actor() { return system_actor("snag:escalation", "job:sla.sweep"); }

bool is_breach_point(std::string_view name) {
  return name == k_resolution_breach_point || name == k_first_response_breach_point;
}

// Lets the rule act on `ticket` (changed in place) and journals it; false when its conditions
// do not hold now. An assign action gives the ticket to another member even when it has an
// assignee: that is what escalating to a senior person means.
// REQUIRES: `rule` is one of `rules.rules`.
Result<bool> fire_escalation(WriteTransaction& tx, const TicketRouter& router, const RuleSet& rules, const Rule& rule,
                             Ticket& ticket, Timestamp now) {
  const Catalog& catalog = router.catalog();
  auto routing = single_rule_changes(rules, rule, fact_source(nullptr, &ticket, std::nullopt), now);
  if (!routing) return false;
  if (routing->assign) {
    auto moved = edit_ticket(catalog, ticket, routing_edit(ticket, *routing), now);
    if (!moved) return tl::unexpected(std::move(moved.error()));
    auto picked = router.pick_assignee(tx, *moved, *routing->assign, routing->assign_role);
    if (!picked) return tl::unexpected(std::move(picked.error()));
    if (*picked) routing->assignee = *picked;
  }
  auto after = edit_ticket(catalog, ticket, routing_edit(ticket, *routing), now);
  if (!after) return tl::unexpected(std::move(after.error()));
  std::vector<FieldChange> changes = diff_tickets(ticket, *after);
  changes.push_back({"rules", nullptr, std::vector<std::string>{rule.name}});
  auto notified = send_notifications(tx, catalog, *after, routing->notifications, "escalation", now);
  if (!notified) return tl::unexpected(std::move(notified.error()));
  if (!notified->empty()) changes.push_back({"notified", nullptr, *notified});
  const Actor actor = escalation_actor();
  if (auto journaled = tx.append_journal(ticket.id, now, actor.name, "escalate", changes); !journaled) {
    return tl::unexpected(std::move(journaled.error()));
  }
  if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, *after)}); !logged) {
    return tl::unexpected(std::move(logged.error()));
  }
  ticket = std::move(*after);
  return true;
}

const SuppressionWindow* covering_window(const std::vector<SuppressionWindow>& windows, const Ticket& ticket,
                                         Timestamp now) {
  const auto found = std::find_if(windows.begin(), windows.end(), [&](const SuppressionWindow& window) {
    return window_active(window, now) && window_covers(window, ticket);
  });
  return found == windows.end() ? nullptr : &*found;
}

// Passes every point of the ticket that has fallen by `now`.
Result<SlaSweepResult> pass_due_points(WriteTransaction& tx, const TicketRouter& router, const RuleSet& rules,
                                       TicketId id, Timestamp now) {
  SlaSweepResult result;
  auto found = tx.find_ticket(id);
  if (!found) return tl::unexpected(std::move(found.error()));
  if (!*found) return result;
  const SlaPolicy& policy = router.catalog().sla;
  const Ticket before = std::move(**found);
  const std::vector<DueSlaPoint> due = due_sla_points(policy, before, now);
  Ticket ticket = before;
  std::optional<std::vector<SuppressionWindow>> windows;  // read at the first escalation
  const std::string actor = escalation_actor().name;
  ++result.tickets;
  for (const DueSlaPoint& point : due) {
    const std::string& name = point.point.name;
    ticket.sla_fired.push_back(name);
    if (is_breach_point(name)) {
      const bool resolution = name == k_resolution_breach_point;
      std::vector<FieldChange> changes{{resolution ? "resolution_due_at" : "first_response_due_at", nullptr,
                                        format_rfc3339(point.at)}};
      if (auto journaled = tx.append_journal(id, now, actor, "sla_breach", changes); !journaled) {
        return tl::unexpected(std::move(journaled.error()));
      }
      ++result.breaches;
      continue;
    }
    const Rule* rule = find_rule(rules, name);
    if (rule == nullptr) continue;  // the rule was removed since
    if (!windows) {
      auto unsettled = tx.unsettled_suppression_windows();
      if (!unsettled) return tl::unexpected(std::move(unsettled.error()));
      windows = std::move(*unsettled);
    }
    if (const SuppressionWindow* window = covering_window(*windows, ticket, now)) {
      SuppressedEscalation escalation;
      escalation.window = window->id;
      escalation.ticket = id;
      escalation.rule = name;
      escalation.due_at = point.at;
      if (auto held = tx.insert_suppressed_escalation(escalation); !held) {
        return tl::unexpected(std::move(held.error()));
      }
      std::vector<FieldChange> changes{{"rules", nullptr, std::vector<std::string>{name}},
                                       {"suppression_window", nullptr, window->name}};
      if (auto journaled = tx.append_journal(id, now, actor, "escalation_suppressed", changes); !journaled) {
        return tl::unexpected(std::move(journaled.error()));
      }
      ++result.suppressed;
      continue;
    }
    auto fired = fire_escalation(tx, router, rules, *rule, ticket, now);
    if (!fired) return tl::unexpected(std::move(fired.error()));
    if (*fired) ++result.escalations;
  }
  refresh_sla_next_check(policy, ticket);
  if (auto updated = tx.update_ticket(ticket); !updated) return tl::unexpected(std::move(updated.error()));
  return result;
}

void add(SlaSweepResult& into, const SlaSweepResult& more) {
  into.tickets += more.tickets;
  into.breaches += more.breaches;
  into.escalations += more.escalations;
  into.suppressed += more.suppressed;
  into.released += more.released;
  into.dropped += more.dropped;
}

// Fires or drops what the windows that have ended held, and marks them settled.
Result<SlaSweepResult> settle_ended_windows(WriteTransaction& tx, const TicketRouter& router, const RuleSet& rules,
                                            Timestamp now) {
  SlaSweepResult result;
  auto windows = tx.unsettled_suppression_windows();
  if (!windows) return tl::unexpected(std::move(windows.error()));
  for (SuppressionWindow& window : *windows) {
    if (window.ends_at > now) continue;
    auto held = tx.held_escalations(window.id);
    if (!held) return tl::unexpected(std::move(held.error()));
    for (const SuppressedEscalation& escalation : *held) {
      bool fired = false;
      if (window.on_end == WindowEndPolicy::fire) {
        auto ticket = tx.find_ticket(escalation.ticket);
        if (!ticket) return tl::unexpected(std::move(ticket.error()));
        const Rule* rule = find_rule(rules, escalation.rule);
        // A ticket resolved meanwhile needs no escalation any more.
        if (*ticket && !(*ticket)->resolved_at && rule != nullptr) {
          Ticket changed = **ticket;
          auto acted = fire_escalation(tx, router, rules, *rule, changed, now);
          if (!acted) return tl::unexpected(std::move(acted.error()));
          if (*acted) {
            if (auto updated = tx.update_ticket(changed); !updated) return tl::unexpected(std::move(updated.error()));
            fired = true;
          }
        }
      }
      const SuppressedState state = fired ? SuppressedState::fired : SuppressedState::dropped;
      if (auto settled = tx.settle_suppressed_escalation(escalation.id, state, now); !settled) {
        return tl::unexpected(std::move(settled.error()));
      }
      ++(fired ? result.released : result.dropped);
    }
    window.settled_at = now;
    if (auto updated = tx.update_suppression_window(window); !updated) return tl::unexpected(std::move(updated.error()));
  }
  return result;
}

}  // namespace

Result<SlaSweepResult> run_sla_sweep(Store& store, const TicketRouter& router, Timestamp now) {
  SlaSweepResult total;
  const auto rules = router.rules();
  auto settled = SlaSweepResult{};
  auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
    auto result = settle_ended_windows(tx, router, *rules, now);
    if (!result) return tl::unexpected(std::move(result.error()));
    settled = *result;
    return {};
  });
  if (!written) return tl::unexpected(std::move(written.error()));
  add(total, settled);

  std::vector<TicketId> previous;
  while (true) {
    auto due = store.tickets_due_for_sla(now, k_round_size);
    if (!due) return tl::unexpected(std::move(due.error()));
    // The same tickets again: their writes failed, and will be tried at the next sweep.
    if (due->empty() || *due == previous) return total;
    std::vector<SlaSweepResult> results(due->size());
    std::vector<WriteWork> works;
    works.reserve(due->size());
    for (std::size_t i = 0; i < due->size(); ++i) {
      works.push_back([&, i, id = (*due)[i]](WriteTransaction& tx) -> Result<void> {
        auto result = pass_due_points(tx, router, *rules, id, now);
        if (!result) return tl::unexpected(std::move(result.error()));
        results[i] = *result;
        return {};
      });
    }
    const std::vector<Result<void>> outcomes = store.write_all(std::move(works));
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      if (outcomes[i]) {
        add(total, results[i]);
      } else {
        log_event(spdlog::level::warn, "sla sweep could not escalate a ticket",
                  {{"ticket", ticket_key((*due)[i])}, {"error", outcomes[i].error().message}});
      }
    }
    previous = std::move(*due);
  }
}

}  // namespace snag
