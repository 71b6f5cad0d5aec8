#include <algorithm>
#include <numeric>

#include <snag/domain/analytics/period_summary.hpp>

namespace snag {
namespace {

constexpr double k_ms_per_hour = 3'600'000.0;

}  // namespace

void PeriodSummaryBuilder::add(const Ticket& ticket) {
  if (ticket.created_at >= m_to) return;
  if (ticket.created_at >= m_from) ++m_opened;
  // A ticket resolved after the period's end was still open at it.
  const bool resolved_by_end = ticket.resolved_at && *ticket.resolved_at < m_to;
  if (!resolved_by_end) {
    ++m_open;
    if (ticket.resolution_due_at) {
      const bool breached = ticket.sla_paused_at.value_or(m_to) > *ticket.resolution_due_at;
      ++(breached ? m_target.breached : m_target.running);
    }
    return;
  }
  if (*ticket.resolved_at < m_from) return;
  m_resolution_ms.push_back(std::max<std::int64_t>(0, (*ticket.resolved_at - ticket.created_at).count()));
  if (ticket.resolution_due_at) ++(*ticket.resolved_at > *ticket.resolution_due_at ? m_target.breached : m_target.met);
}

PeriodSummary PeriodSummaryBuilder::summary() const {
  PeriodSummary summary;
  summary.from = m_from;
  summary.to = m_to;
  summary.open = m_open;
  summary.opened = m_opened;
  summary.resolved = static_cast<std::int64_t>(m_resolution_ms.size());
  summary.resolution_target = m_target;
  if (m_resolution_ms.empty()) return summary;
  std::vector<std::int64_t> sorted = m_resolution_ms;
  std::sort(sorted.begin(), sorted.end());
  const double total = std::accumulate(sorted.begin(), sorted.end(), 0.0);
  summary.mean_hours_to_resolve = total / static_cast<double>(sorted.size()) / k_ms_per_hour;
  const std::size_t middle = sorted.size() / 2;
  const double median_ms = sorted.size() % 2 == 1
                               ? static_cast<double>(sorted[middle])
                               : (static_cast<double>(sorted[middle - 1]) + static_cast<double>(sorted[middle])) / 2.0;
  summary.median_hours_to_resolve = median_ms / k_ms_per_hour;
  return summary;
}

}  // namespace snag
