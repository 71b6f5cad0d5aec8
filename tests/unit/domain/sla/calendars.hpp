#pragma once
// Business calendars built in code for the SLA tests. Tests may resolve zones themselves: it is
// what the config layer does once at start.

#include <stdexcept>
#include <string>

#include "../../support/test_time.hpp"
#include <date/tz.h>

#include <snag/domain/sla/business_calendar.hpp>
#include <snag/util/time.hpp>

namespace snag::testing {

inline WorkingInterval hours(int from_hour, int from_minute, int to_hour, int to_minute) {
  return {std::chrono::minutes{from_hour * 60 + from_minute}, std::chrono::minutes{to_hour * 60 + to_minute}};
}

// `days` lists weekdays by c_encoding (Sunday = 0).
inline BusinessCalendar calendar(std::string name, const std::string& zone, std::vector<unsigned> days,
                                 std::vector<WorkingInterval> intervals,
                                 std::vector<std::chrono::local_days> holidays = {}) {
  BusinessCalendar c;
  c.name = std::move(name);
  c.zone = date::locate_zone(zone);
  for (const unsigned day : days) c.week[day] = intervals;
  c.holidays = std::move(holidays);
  return c;
}

inline const std::vector<unsigned> k_weekdays{1, 2, 3, 4, 5};
inline const std::vector<unsigned> k_every_day{0, 1, 2, 3, 4, 5, 6};

inline std::chrono::local_days local_date(int year, unsigned month, unsigned day) {
  return std::chrono::local_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
}

// 09:00-17:00 Monday to Friday in New York, Martin Luther King Jr. Day 2026 off.
inline BusinessCalendar new_york() {
  return calendar("us_eastern", "America/New_York", k_weekdays, {hours(9, 0, 17, 0)}, {local_date(2026, 1, 19)});
}

// 09:00-12:00 and 13:00-17:00 Monday to Friday in Berlin, Easter Monday 2026 off.
inline BusinessCalendar berlin() {
  return calendar("germany", "Europe/Berlin", k_weekdays, {hours(9, 0, 12, 0), hours(13, 0, 17, 0)},
                  {local_date(2026, 4, 6)});
}

}  // namespace snag::testing
