#include <snag/app/automation/scheduled_rules.hpp>

#include <snag/app/access/access_recorder.hpp>
#include <snag/domain/automation/facts.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {
namespace {

constexpr int k_page_size = 500;

Actor automation_actor() {
  Actor actor;
  actor.name = "snag:automation";
  actor.role = "system";
  actor.credential = "job:automation.sweep";
  actor.address = "snag";
  return actor;
}

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
  TicketQuery query;
  query.statuses = catalog.open_statuses();
  query.sort = TicketSort::created_asc;
  query.limit = k_page_size;
  const Actor actor = automation_actor();
  while (true) {
    auto page = store.list_tickets(query);
    if (!page) return tl::unexpected(std::move(page.error()));
    result.examined += page->items.size();
    std::vector<TicketId> to_change;
    for (const Ticket& ticket : page->items) {
      auto changed = apply_rules(catalog, rules, ticket, now);
      if (!changed) return tl::unexpected(std::move(changed.error()));
      if (*changed) to_change.push_back(ticket.id);
    }
    if (!to_change.empty()) {
      auto written = store.write([&](WriteTransaction& tx) -> Result<void> {
        for (const TicketId id : to_change) {
          auto current = tx.find_ticket(id);
          if (!current) return tl::unexpected(std::move(current.error()));
          if (!*current) continue;
          auto changed = apply_rules(catalog, rules, **current, now);
          if (!changed) return tl::unexpected(std::move(changed.error()));
          if (!*changed) continue;
          const auto& [after, rule_names] = **changed;
          if (auto updated = tx.update_ticket(after); !updated) return updated;
          std::vector<FieldChange> journal = diff_tickets(**current, after);
          journal.push_back({"rules", nullptr, rule_names});
          if (auto journaled = tx.append_journal(id, now, actor.name, "update", journal); !journaled) return journaled;
          if (auto logged = tx.append_access_log({access_entry(actor, AccessAction::edit, now, after)}); !logged) {
            return logged;
          }
          ++result.changed;
        }
        return {};
      });
      if (!written) return tl::unexpected(std::move(written.error()));
    }
    if (!page->next) return result;
    query.cursor = page->next;
  }
}

}  // namespace snag
