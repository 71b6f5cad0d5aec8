#include <algorithm>

#include <snag/domain/sla/business_calendar.hpp>

namespace snag {

bool BusinessCalendar::is_holiday(std::chrono::local_days date) const {
  return std::binary_search(holidays.begin(), holidays.end(), date);
}

bool BusinessCalendar::is_always_open() const {
  if (!holidays.empty()) return false;
  return std::all_of(week.begin(), week.end(), [](const std::vector<WorkingInterval>& day) {
    return day.size() == 1 && day.front() == WorkingInterval{std::chrono::minutes{0}, k_whole_day};
  });
}

Result<void> validate_calendar(const BusinessCalendar& calendar) {
  const auto invalid = [&](std::string why) {
    return fail(ErrorCode::invalid_argument, "calendar '" + calendar.name + "': " + std::move(why));
  };
  if (calendar.name.empty()) return fail(ErrorCode::invalid_argument, "a calendar has no name");
  if (calendar.zone == nullptr) return invalid("has no time zone");
  bool works_some_day = false;
  for (const auto& day : calendar.week) {
    std::chrono::minutes previous_end{0};
    for (const auto& interval : day) {
      if (interval.start < std::chrono::minutes{0} || interval.end > k_whole_day) {
        return invalid("working hours must lie between 00:00 and 24:00");
      }
      if (interval.end <= interval.start) return invalid("working hours must end after they start");
      if (interval.start < previous_end) return invalid("a day's working hours must be in order and not overlap");
      previous_end = interval.end;
      works_some_day = true;
    }
  }
  if (!works_some_day) return invalid("has no working hours on any day");
  if (std::adjacent_find(calendar.holidays.begin(), calendar.holidays.end(), [](auto a, auto b) { return a >= b; }) !=
      calendar.holidays.end()) {
    return invalid("holidays must be sorted and listed once");
  }
  return {};
}

}  // namespace snag
