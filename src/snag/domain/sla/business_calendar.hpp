#pragma once
// A business calendar says when the SLA clock runs: working hours per weekday in a time zone,
// less holidays. It is data from the configuration; the config layer resolves the zone name
// once, so the domain only does arithmetic with it (business_time.hpp).

#include <array>
#include <chrono>
#include <string>
#include <vector>

#include <snag/util/error.hpp>

namespace date {
class time_zone;  // <date/tz.h>; kept out of this header, which the catalog spreads widely
}

namespace snag {

// Local wall-clock times within one day, as offsets from midnight: [start, end). An end of
// 24:00 runs to the next day's midnight.
struct WorkingInterval {
  std::chrono::minutes start{0};
  std::chrono::minutes end{0};
  friend bool operator==(const WorkingInterval&, const WorkingInterval&) = default;
};

inline constexpr std::chrono::minutes k_whole_day{24 * 60};

struct BusinessCalendar {
  std::string name;                       // us_eastern, germany, 24x7
  const date::time_zone* zone = nullptr;  // owned by the date library's database; never freed
  // Indexed by weekday, Sunday = 0 (date::weekday::c_encoding). A day without intervals is off.
  std::array<std::vector<WorkingInterval>, 7> week;
  std::vector<std::chrono::local_days> holidays;  // sorted; no working time on them

  bool is_holiday(std::chrono::local_days date) const;
  // Every day from 00:00 to 24:00 and no holidays: each instant counts, whatever the zone does.
  bool is_always_open() const;
};

// A calendar is usable when it has a name and a zone, each day's intervals lie within the day
// (start before end) in increasing order without overlapping, some weekday has working hours
// (else no due time would ever come), and its holidays are sorted without repeats.
Result<void> validate_calendar(const BusinessCalendar& calendar);

}  // namespace snag
