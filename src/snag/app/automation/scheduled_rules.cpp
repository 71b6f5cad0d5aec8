#include <snag/app/automation/scheduled_rules.hpp>

#include <snag/app/access/access_recorder.hpp>
#include <snag/app/automation/open_ticket_sweep.hpp>
#include <snag/domain/automation/facts.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {
namespace {

constexpr std::size_t k_sweep_page_size = 500;

Actor automation_actor() { return system_actor("snag:automation", "job:automation.sweep"); }

// The ticket after the schedule rules, or nullopt when they change nothing.
Result<std::optional<std::pair<Ticket, std::vector<std::string>>>> apply_rules(const Catalog& catalog,
                                                                               const RuleSet& rules,
                                                                               const Ticket& ticket, Timestamp now) {
  const TicketRouting changes =
      ticket_rule_changes(rules, RuleTrigger::schedule, fact_source(nullptr, &ticket, std::nullopt), now);
  if (changes.rules.empty()) return std::nullopt;
  auto after = edit_ticket(catalog, ticket, routing_edit(ticket, changes), now);
  if (!after) return tl::unexpected(std::move(after.error()));
  if (after->version == ticket.version) return std::nullopt;
  return std::pair{std::move(*after), changes.rules};
}

}  // namespace

Result<SweepResult> run_scheduled_rules(Store& store, const Catalog& catalog, const RuleSet& rules, Timestamp now) {
  SweepResult result;
  if (!any_rule_runs_on(rules, RuleTrigger::schedule)) return result;
  const Actor actor = automation_actor();
  const auto wants = [&](const Ticket& ticket) -> Result<bool> {
    auto changed = apply_rules(catalog, rules, ticket, now);
    if (!changed) return tl::unexpected(std::move(changed.error()));
    return changed->has_value();
  };
  const auto apply = [&](WriteTransaction& tx, const Ticket& current) -> Result<bool> {
    auto changed = apply_rules(catalog, rules, current, now);
    if (!changed) return tl::unexpected(std::move(changed.error()));
    if (!*changed) return false;
    const auto& [after, rule_names] = **changed;
    if (auto updated = tx.update_ticket(after); !updated) return tl::unexpected(std::move(updated.error()));
    std::vector<FieldChange> journal = diff_tickets(current, after);
    journal.push_back({"rules", nullptr, rule_names});
    if (auto journaled = tx.append_journal(current.id, now, actor.name, "update", journal); !journaled) {
      return tl::unexpected(std::move(journaled.error()));
    }
    if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, after)}); !logged) {
      return tl::unexpected(std::move(logged.error()));
    }
    return true;
  };
  auto swept = sweep_open_tickets(store, catalog, k_sweep_page_size, wants, apply);
  if (!swept) return tl::unexpected(std::move(swept.error()));
  result.examined = swept->examined;
  result.changed = swept->changed;
  return result;
}

}  // namespace snag
