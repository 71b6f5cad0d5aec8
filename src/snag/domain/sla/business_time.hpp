#pragma once
// Business-time arithmetic over a BusinessCalendar: how far the SLA clock has run, and when it
// will have run so long. business_time.cpp explains how weekends, holidays and DST are handled.

#include <chrono>

#include <snag/domain/sla/business_calendar.hpp>
#include <snag/util/time.hpp>

namespace snag {

using BusinessDuration = std::chrono::milliseconds;

// The earliest instant at which `duration` of working time has elapsed after `start`. A zero
// or negative duration gives `start` itself, even outside working hours; otherwise a due time
// that falls exactly at the end of working hours is that end (17:00), not the next morning.
// REQUIRES: validate_calendar(calendar) passed.
Timestamp add_business_time(const BusinessCalendar& calendar, Timestamp start, BusinessDuration duration);

// The working time within [from, to); zero when `to` is not after `from`. For every calendar,
// business_time_between(c, s, add_business_time(c, s, d)) == d.
// REQUIRES: validate_calendar(calendar) passed.
BusinessDuration business_time_between(const BusinessCalendar& calendar, Timestamp from, Timestamp to);

}  // namespace snag
