#include <algorithm>

#include <snag/domain/taxonomy.hpp>

namespace snag {
namespace {

std::int64_t tickets_of(std::span<const TypeTotals> totals, const std::string& type) {
  const auto found =
      std::find_if(totals.begin(), totals.end(), [&](const TypeTotals& row) { return row.type == type; });
  return found == totals.end() ? 0 : found->tickets;
}

}  // namespace

std::vector<TypeReview> review_taxonomy(const Catalog& catalog, std::span<const TypeTotals> last_quarter,
                                        std::span<const TypeTotals> open) {
  std::vector<TypeReview> rows;
  for (const IssueType& type : catalog.issue_types) {
    TypeReview row{type.code,
                   type.name,
                   type.deprecated,
                   type.replaced_by,
                   tickets_of(last_quarter, type.code),
                   tickets_of(open, type.code),
                   false};
    row.flagged_for_deprecation = !type.deprecated && row.tickets_last_quarter == 0;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<Ticket> retype_to_successor(const Catalog& catalog, const Ticket& ticket, Timestamp now) {
  const IssueType* type = catalog.find_issue_type(ticket.type);
  if (type == nullptr || !type->deprecated || !type->replaced_by) return std::nullopt;
  const IssueType* successor = catalog.find_issue_type(*type->replaced_by);
  if (successor == nullptr) return std::nullopt;
  const Workflow& workflow = catalog.workflow_for(*successor);
  Ticket moved = ticket;
  moved.type = successor->code;
  if (!workflow.has_status(moved.status)) moved.status = workflow.initial;
  moved.updated_at = now;
  ++moved.version;
  return moved;
}

}  // namespace snag
