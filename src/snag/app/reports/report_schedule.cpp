#include <snag/app/reports/report_schedule.hpp>

namespace snag {

Timestamp latest_scheduled_run(const ReportSchedule& schedule, Timestamp now) {
  const auto today = std::chrono::floor<std::chrono::days>(now);
  const auto days_back = (std::chrono::weekday{today} - schedule.weekday).count();  // 0–6
  const Timestamp candidate = today - std::chrono::days(days_back) + std::chrono::hours(schedule.hour);
  return candidate <= now ? candidate : candidate - std::chrono::weeks(1);
}

}  // namespace snag
