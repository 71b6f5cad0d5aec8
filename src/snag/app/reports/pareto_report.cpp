#include <snag/app/reports/pareto_report.hpp>
#include <snag/app/reports/report_query.hpp>

namespace snag {

std::string_view to_string(ParetoMeasure measure) { return measure == ParetoMeasure::count ? "count" : "delay"; }

std::optional<ParetoMeasure> parse_pareto_measure(std::string_view text) {
  if (text == "count") return ParetoMeasure::count;
  if (text == "delay") return ParetoMeasure::delay;
  return std::nullopt;
}

ParetoReportService::ParetoReportService(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<Pareto> ParetoReportService::report(const Actor& actor, const ParetoReportRequest& request) const {
  auto query = report_query(m_access, actor, request.from, request.to);
  if (!query) return tl::unexpected(std::move(query.error()));
  auto totals = m_store.type_totals(*query, m_clock.now());
  if (!totals) return tl::unexpected(std::move(totals.error()));
  std::vector<ParetoInput> inputs;
  for (auto& type : *totals) {
    const double value = request.measure == ParetoMeasure::count
                             ? static_cast<double>(type.tickets)
                             : std::chrono::duration<double, std::ratio<3600>>(type.candidate_delay).count();
    inputs.push_back({std::move(type.type), value});
  }
  return rank_pareto(std::move(inputs));
}

}  // namespace snag
