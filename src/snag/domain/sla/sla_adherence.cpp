#include <snag/domain/sla/sla_adherence.hpp>

#include <algorithm>

namespace snag {
namespace {

void tally(TargetTally& into, const std::optional<Timestamp>& due, bool done, bool breached) {
  if (!due) return;
  if (breached) {
    ++into.breached;
  } else if (done) {
    ++into.met;
  } else {
    ++into.running;
  }
}

}  // namespace

std::optional<SlaGrouping> parse_sla_grouping(std::string_view text) {
  if (text == "team") return SlaGrouping::team;
  if (text == "type") return SlaGrouping::issue_type;
  if (text == "severity") return SlaGrouping::severity;
  return std::nullopt;
}

std::string_view to_string(SlaGrouping grouping) {
  switch (grouping) {
    case SlaGrouping::team: return "team";
    case SlaGrouping::issue_type: return "type";
    case SlaGrouping::severity: return "severity";
  }
  return "team";
}

std::optional<double> TargetTally::adherence() const {
  if (met + breached == 0) return std::nullopt;
  return static_cast<double>(met) / static_cast<double>(met + breached);
}

void SlaAdherence::add(const Ticket& ticket, Timestamp now) {
  std::string group;
  switch (m_grouping) {
    case SlaGrouping::team: group = ticket.team; break;
    case SlaGrouping::issue_type: group = ticket.type; break;
    case SlaGrouping::severity: group = std::string(to_string(ticket.severity)); break;
  }
  auto row = std::find_if(m_rows.begin(), m_rows.end(), [&](const SlaAdherenceRow& r) { return r.group == group; });
  if (row == m_rows.end()) row = m_rows.insert(m_rows.end(), SlaAdherenceRow{group, 0, {}, {}});
  const SlaState state = sla_state(ticket, now);
  ++row->tickets;
  tally(row->first_response, ticket.first_response_due_at, ticket.first_responded_at.has_value(),
        state.first_response_breached);
  tally(row->resolution, ticket.resolution_due_at, ticket.resolved_at.has_value(), state.breached);
}

std::vector<SlaAdherenceRow> SlaAdherence::rows() const {
  std::vector<SlaAdherenceRow> sorted = m_rows;
  std::sort(sorted.begin(), sorted.end(),
            [](const SlaAdherenceRow& a, const SlaAdherenceRow& b) { return a.group < b.group; });
  return sorted;
}

}  // namespace snag
