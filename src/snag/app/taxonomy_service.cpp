#include <algorithm>

#include <snag/app/automation/open_ticket_sweep.hpp>
#include <snag/app/taxonomy_service.hpp>
#include <snag/domain/access/access_policy.hpp>
#include <snag/domain/ticket_changes.hpp>

namespace snag {
namespace {

constexpr std::size_t k_move_page = 200;
constexpr std::string_view k_taxonomy_actor = "snag:taxonomy";

}  // namespace

TaxonomyService::TaxonomyService(Store& store, const Catalog& catalog, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_catalog(catalog), m_clock(clock), m_access(access) {}

Result<std::vector<TypeReview>> TaxonomyService::review(const Actor& actor) const {
  if (auto allowed = m_access.require(actor, permission::reports_read); !allowed) {
    return tl::unexpected(std::move(allowed.error()));
  }
  const Timestamp now = m_clock.now();
  TicketQuery last_quarter;
  last_quarter.created_after = now - k_taxonomy_review_period;
  auto used = m_store.type_totals(last_quarter, now);
  if (!used) return tl::unexpected(std::move(used.error()));
  TicketQuery open;
  open.statuses = m_catalog.open_statuses();
  auto still_open = m_store.type_totals(open, now);
  if (!still_open) return tl::unexpected(std::move(still_open.error()));
  return review_taxonomy(m_catalog, *used, *still_open);
}

Result<std::size_t> move_tickets_off_deprecated_types(Store& store, const Catalog& catalog, Timestamp now) {
  std::vector<std::string> replaced;
  for (const IssueType& type : catalog.issue_types) {
    if (type.deprecated && type.replaced_by) replaced.push_back(type.code);
  }
  if (replaced.empty()) return std::size_t{0};
  const auto wants = [&](const Ticket& ticket) -> Result<bool> {
    return std::find(replaced.begin(), replaced.end(), ticket.type) != replaced.end();
  };
  const auto apply = [&](WriteTransaction& tx, const Ticket& ticket) -> Result<bool> {
    auto after = retype_to_successor(catalog, ticket, now);
    if (!after) return false;  // moved already
    if (auto updated = tx.update_ticket(*after); !updated) return tl::unexpected(std::move(updated.error()));
    if (auto journaled = tx.append_journal(ticket.id, now, k_taxonomy_actor, "retype", diff_tickets(ticket, *after));
        !journaled) {
      return tl::unexpected(std::move(journaled.error()));
    }
    return true;
  };
  auto swept = sweep_open_tickets(store, catalog, k_move_page, wants, apply, replaced);
  if (!swept) return tl::unexpected(std::move(swept.error()));
  return swept->changed;
}

}  // namespace snag
