#include "calendars.hpp"
#include <gtest/gtest.h>

#include <snag/domain/sla/business_time.hpp>

namespace snag {
namespace business_time_test {

using namespace std::chrono_literals;
using testing::at;
using testing::berlin;
using testing::calendar;
using testing::hours;
using testing::k_every_day;
using testing::new_york;

struct AddCase {
  const char* what;
  BusinessCalendar calendar;
  const char* start;
  BusinessDuration duration;
  const char* due;
};

// New York changes to summer time on 2026-03-08 and back on 2026-11-01; Berlin on 2026-03-29
// and 2026-10-25. All four are Sundays.
const std::vector<AddCase>& add_cases() {
  static const std::vector<AddCase> cases{
      {"within one day", new_york(), "2026-03-02T10:00:00-05:00", 3h, "2026-03-02T13:00:00-05:00"},
      {"starting before hours", new_york(), "2026-03-02T07:00:00-05:00", 1h, "2026-03-02T10:00:00-05:00"},
      {"starting after hours", new_york(), "2026-03-02T18:00:00-05:00", 1h, "2026-03-03T10:00:00-05:00"},
      {"ending at closing time", new_york(), "2026-03-02T09:00:00-05:00", 8h, "2026-03-02T17:00:00-05:00"},
      {"across a weekend", new_york(), "2026-02-27T16:00:00-05:00", 2h, "2026-03-02T10:00:00-05:00"},
      {"starting on a Saturday", new_york(), "2026-02-28T12:00:00-05:00", 1h, "2026-03-02T10:00:00-05:00"},
      {"across a holiday", new_york(), "2026-01-16T16:00:00-05:00", 2h, "2026-01-20T10:00:00-05:00"},
      {"zero duration, outside hours", new_york(), "2026-02-28T12:00:00-05:00", 0h, "2026-02-28T12:00:00-05:00"},
      {"millisecond precision", new_york(), "2026-03-02T16:59:59.999-05:00", 2ms, "2026-03-03T09:00:00.001-05:00"},
      {"several weeks", new_york(), "2026-03-02T09:00:00-05:00", 80h, "2026-03-13T17:00:00-04:00"},
      {"New York: the weekend it springs forward", new_york(), "2026-03-06T16:00:00-05:00", 2h,
       "2026-03-09T10:00:00-04:00"},
      {"New York: the weekend it falls back", new_york(), "2026-10-30T16:00:00-04:00", 2h, "2026-11-02T10:00:00-05:00"},
      {"Berlin: the weekend it springs forward", berlin(), "2026-03-27T16:00:00+01:00", 2h,
       "2026-03-30T10:00:00+02:00"},
      {"Berlin: the weekend it falls back", berlin(), "2026-10-23T16:00:00+02:00", 2h, "2026-10-26T10:00:00+01:00"},
      {"Berlin: a week New York is already on summer time", berlin(), "2026-03-13T16:00:00+01:00", 2h,
       "2026-03-16T10:00:00+01:00"},
      {"Berlin: across the lunch hour", berlin(), "2026-03-02T11:00:00+01:00", 2h, "2026-03-02T14:00:00+01:00"},
      {"Berlin: ending as lunch begins", berlin(), "2026-03-02T09:00:00+01:00", 3h, "2026-03-02T12:00:00+01:00"},
      {"Berlin: starting at lunch", berlin(), "2026-03-02T12:30:00+01:00", 1h, "2026-03-02T14:00:00+01:00"},
      {"Berlin: Good Friday is no holiday here, Easter Monday is", berlin(), "2026-04-03T16:00:00+02:00", 2h,
       "2026-04-07T10:00:00+02:00"},
      {"seven-day New York: the spring-forward Sunday is 8 hours",
       calendar("ny7", "America/New_York", k_every_day, {hours(9, 0, 17, 0)}), "2026-03-07T17:00:00-05:00", 9h,
       "2026-03-09T10:00:00-04:00"},
      {"seven-day Berlin: the fall-back Sunday is 7 hours",
       calendar("de7", "Europe/Berlin", k_every_day, {hours(9, 0, 12, 0), hours(13, 0, 17, 0)}),
       "2026-10-24T17:00:00+02:00", 8h, "2026-10-26T10:00:00+01:00"},
      {"a shift across the jump: 02:30 does not exist, work starts at 03:00",
       calendar("night", "America/New_York", k_every_day, {hours(2, 30, 4, 0)}), "2026-03-08T00:00:00-05:00", 30min,
       "2026-03-08T03:30:00-04:00"},
      {"always open: elapsed time", calendar("24x7", "UTC", k_every_day, {hours(0, 0, 24, 0)}),
       "2026-03-08T01:00:00-05:00", 4h, "2026-03-08T06:00:00-04:00"},
  };
  return cases;
}

TEST(AddBusinessTime, LandsWhereTheWorkingHoursSay) {
  for (const auto& c : add_cases()) {
    EXPECT_EQ(format_rfc3339(add_business_time(c.calendar, at(c.start), c.duration)), format_rfc3339(at(c.due)))
        << c.what;
  }
}

TEST(BusinessTimeBetween, IsTheInverseOfAdding) {
  for (const auto& c : add_cases()) {
    EXPECT_EQ(business_time_between(c.calendar, at(c.start), at(c.due)), c.duration) << c.what;
  }
}

struct BetweenCase {
  const char* what;
  BusinessCalendar calendar;
  const char* from;
  const char* to;
  BusinessDuration expected;
};

TEST(BusinessTimeBetween, CountsOnlyWorkingTime) {
  const std::vector<BetweenCase> cases{
      {"a weekend counts nothing", new_york(), "2026-03-06T17:00:00-05:00", "2026-03-09T09:00:00-04:00", 0h},
      {"a holiday counts nothing", new_york(), "2026-01-19T00:00:00-05:00", "2026-01-20T00:00:00-05:00", 0h},
      {"backwards is zero", new_york(), "2026-03-03T12:00:00-05:00", "2026-03-02T12:00:00-05:00", 0h},
      {"a whole week", new_york(), "2026-03-02T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 40h},
      {"Berlin: a day with a lunch hour", berlin(), "2026-03-02T00:00:00+01:00", "2026-03-03T00:00:00+01:00", 7h},
      {"seven-day New York: spring-forward day", calendar("ny7", "America/New_York", k_every_day, {hours(9, 0, 17, 0)}),
       "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 8h},
      {"seven-day New York: fall-back day", calendar("ny7", "America/New_York", k_every_day, {hours(9, 0, 17, 0)}),
       "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 8h},
      {"seven-day Berlin: spring-forward day", calendar("de7", "Europe/Berlin", k_every_day, {hours(9, 0, 17, 0)}),
       "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 8h},
      {"seven-day Berlin: fall-back day", calendar("de7", "Europe/Berlin", k_every_day, {hours(9, 0, 17, 0)}),
       "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00", 8h},
      // A shift over the change lasts what the people on it live through.
      {"00:00-06:00 when the clock springs forward",
       calendar("night", "America/New_York", k_every_day, {hours(0, 0, 6, 0)}), "2026-03-08T00:00:00-05:00",
       "2026-03-08T12:00:00-04:00", 5h},
      {"00:00-06:00 when the clock falls back", calendar("night", "America/New_York", k_every_day, {hours(0, 0, 6, 0)}),
       "2026-11-01T00:00:00-04:00", "2026-11-01T12:00:00-05:00", 7h},
      {"Berlin 00:00-06:00 when the clock falls back",
       calendar("night", "Europe/Berlin", k_every_day, {hours(0, 0, 6, 0)}), "2026-10-25T00:00:00+02:00",
       "2026-10-25T12:00:00+01:00", 7h},
      // 01:30 happens twice: the interval runs from its first showing to 03:00's (only) one.
      {"an interval starting at a twice-shown time",
       calendar("early", "America/New_York", k_every_day, {hours(1, 30, 3, 0)}), "2026-11-01T00:00:00-04:00",
       "2026-11-01T12:00:00-05:00", 150min},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(business_time_between(c.calendar, at(c.from), at(c.to)), c.expected) << c.what;
  }
}

TEST(BusinessTime, AddingAndMeasuringAgreeAroundTheClock) {
  const std::vector<BusinessCalendar> calendars{new_york(), berlin(),
                                                calendar("night", "Europe/Berlin", k_every_day, {hours(1, 0, 4, 0)})};
  const std::vector<BusinessDuration> durations{0ms, 1ms, 30min, 7h, 8h, 41h};
  for (const auto& c : calendars) {
    // Every 37 minutes across both fall-back weekends.
    for (Timestamp start = at("2026-10-23T00:00:00Z"); start < at("2026-11-03T00:00:00Z"); start += 37min) {
      for (const auto duration : durations) {
        const Timestamp due = add_business_time(c, start, duration);
        ASSERT_EQ(business_time_between(c, start, due), duration) << c.name << " " << format_rfc3339(start);
        if (duration > 0ms) {
          ASSERT_LT(business_time_between(c, start, due - 1ms), duration);
        }
      }
    }
  }
}

TEST(BusinessTime, ValidationRefusesACalendarThatNeverWorks) {
  BusinessCalendar idle = calendar("idle", "UTC", {}, {});
  EXPECT_FALSE(validate_calendar(idle));
  EXPECT_FALSE(validate_calendar(calendar("backwards", "UTC", k_every_day, {hours(17, 0, 9, 0)})));
  EXPECT_FALSE(
      validate_calendar(calendar("overlapping", "UTC", k_every_day, {hours(9, 0, 13, 0), hours(12, 0, 17, 0)})));
  EXPECT_TRUE(validate_calendar(new_york()));
  EXPECT_TRUE(validate_calendar(berlin()));
}

}  // namespace business_time_test
}  // namespace snag
