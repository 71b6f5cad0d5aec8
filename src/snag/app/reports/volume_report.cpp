#include <snag/app/reports/report_query.hpp>
#include <snag/app/reports/volume_report.hpp>

namespace snag {

VolumeReportService::VolumeReportService(Store& store, const Clock& clock, const AccessGuard& access)
    : m_store(store), m_clock(clock), m_access(access) {}

Result<std::vector<VolumeRow>> VolumeReportService::report(const Actor& actor,
                                                           const VolumeReportRequest& request) const {
  auto query = report_query(m_access, actor, request.from, request.to);
  if (!query) return tl::unexpected(std::move(query.error()));
  return m_store.ticket_volume(*query, request.grouping, m_clock.now());
}

}  // namespace snag
