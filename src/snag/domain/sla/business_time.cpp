// Business time
// =============
//
// A calendar's working time is a set of instants: on each local date that is neither a holiday
// nor a day off, the instants from each working interval's start to its end, read on the
// calendar's wall clock. Both functions walk that set forward one local day, and within a day
// one interval, at a time: cost grows with the number of days spanned (a 40-hour target on a
// 9-to-5 calendar is about a week of days), never with the number of minutes.
//
// Turning a local wall-clock time into an instant is where time zones bite, because on two days
// a year the wall clock does not run straight:
//
// - Spring forward (New York 2026-03-08, Berlin 2026-03-29): the clock jumps from 02:00 to
//   03:00, so 02:30 never exists. A start or end that does not exist is the instant of the jump,
//   the first moment the clock shows a later time. An interval 01:00–04:00 on that day is two
//   hours of work, which is what the person on shift lives through.
// - Fall back (New York 2026-11-01, Berlin 2026-10-25): the clock shows 01:00–02:00 (Berlin
//   02:00–03:00) twice. An interval starts at the FIRST moment the clock shows its start and
//   ends at the LAST moment it shows its end, so a shift 00:00–04:00 that night is five hours.
//
// Intervals away from the change (09:00–17:00) keep their length: the DST day is an ordinary
// 8-hour day. All-day calendars (00:00–24:00 every day, no holidays) skip the walk: every
// instant counts, so business time is elapsed time.
//
// Where a zone changes its offset at midnight, a day's first interval could begin before the
// previous day's last one ends; every span is clamped to start after the one before it, so no
// instant is counted twice. For the same reason the walk starts on the local date before the
// start instant's.
//
// Looking up the zone's rules for every boundary would be the cost of the walk; LocalClock
// remembers the offset period last used and reuses it while a time lies well inside it.

#include <algorithm>

#include <date/tz.h>

#include <snag/domain/sla/business_time.hpp>

namespace snag {

namespace {

// Local times to instants and back for one zone, caching the offset period last used.
class LocalClock {
 public:
  explicit LocalClock(const date::time_zone& zone) : m_zone(zone) {}

  // The first moment the wall clock shows `local`; for a time that does not exist, the jump.
  Timestamp first_showing(date::local_seconds local) { return to_instant(local, date::choose::earliest); }
  // The last moment the wall clock shows `local`; for a time that does not exist, the jump.
  Timestamp last_showing(date::local_seconds local) { return to_instant(local, date::choose::latest); }

  date::local_days local_date(Timestamp instant) {
    const auto seconds = date::floor<std::chrono::seconds>(instant);
    if (!m_known || seconds < m_period.begin || seconds >= m_period.end) remember(m_zone.get_info(seconds));
    return date::floor<date::days>(date::local_seconds{seconds.time_since_epoch() + m_period.offset});
  }

 private:
  Timestamp to_instant(date::local_seconds local, date::choose choice) {
    // Offsets change by far less than a day, so a time mapped into the cached period more than a
    // day from either end of it is unique and belongs to that period.
    constexpr date::days k_margin{1};
    if (m_known) {
      const date::sys_seconds candidate{local.time_since_epoch() - m_period.offset};
      if (candidate - m_period.begin >= k_margin && m_period.end - candidate > k_margin) return candidate;
    }
    const date::local_info info = m_zone.get_info(local);
    switch (info.result) {
      case date::local_info::nonexistent: remember(info.second); return info.first.end;
      case date::local_info::ambiguous:
        if (choice == date::choose::latest) {
          remember(info.second);
          return date::sys_seconds{local.time_since_epoch() - info.second.offset};
        }
        break;
      default: break;
    }
    remember(info.first);
    return date::sys_seconds{local.time_since_epoch() - info.first.offset};
  }

  void remember(const date::sys_info& period) {
    m_period = period;
    m_known = true;
  }

  const date::time_zone& m_zone;
  date::sys_info m_period{};
  bool m_known = false;
};

struct Span {
  Timestamp from;
  Timestamp to;
};

bool is_working_day(const BusinessCalendar& calendar, date::local_days day) {
  const std::chrono::local_days as_std{std::chrono::days{day.time_since_epoch().count()}};
  return !calendar.week[date::weekday{day}.c_encoding()].empty() && !calendar.is_holiday(as_std);
}

// Calls visit(span) for each working span of `day` in order, until visit returns false; returns
// false when it was stopped.
template <class Visit>
bool for_each_span(const BusinessCalendar& calendar, LocalClock& clock, date::local_days day, Visit&& visit) {
  if (!is_working_day(calendar, day)) return true;
  for (const auto& interval : calendar.week[date::weekday{day}.c_encoding()]) {
    const Span span{clock.first_showing(day + interval.start), clock.last_showing(day + interval.end)};
    if (!visit(span)) return false;
  }
  return true;
}

}  // namespace

Timestamp add_business_time(const BusinessCalendar& calendar, Timestamp start, BusinessDuration duration) {
  if (duration <= BusinessDuration::zero()) return start;
  if (calendar.is_always_open()) return start + duration;
  LocalClock clock(*calendar.zone);
  BusinessDuration remaining = duration;
  Timestamp counted_until = start;  // nothing before this instant counts (and nothing twice)
  std::optional<Timestamp> due;
  // validate_calendar guarantees a working weekday, and holidays are finitely many: this ends.
  for (date::local_days day = clock.local_date(start) - date::days{1}; !due; day += date::days{1}) {
    for_each_span(calendar, clock, day, [&](const Span& span) {
      if (span.to <= counted_until) return true;
      const Timestamp from = std::max(span.from, counted_until);
      const BusinessDuration available = span.to - from;
      if (remaining <= available) {
        due = from + remaining;
        return false;
      }
      remaining -= available;
      counted_until = span.to;
      return true;
    });
  }
  return *due;
}

BusinessDuration business_time_between(const BusinessCalendar& calendar, Timestamp from, Timestamp to) {
  if (to <= from) return BusinessDuration::zero();
  if (calendar.is_always_open()) return to - from;
  LocalClock clock(*calendar.zone);
  BusinessDuration total{0};
  Timestamp counted_until = from;
  const date::local_days last_day = clock.local_date(to) + date::days{1};
  for (date::local_days day = clock.local_date(from) - date::days{1}; day <= last_day; day += date::days{1}) {
    const bool finished = !for_each_span(calendar, clock, day, [&](const Span& span) {
      if (span.from >= to) return false;
      if (span.to <= counted_until) return true;
      const Timestamp begin = std::max(span.from, counted_until);
      const Timestamp end = std::min(span.to, to);
      total += end - begin;
      counted_until = end;
      return end < to;
    });
    if (finished) break;
  }
  return total;
}

}  // namespace snag
