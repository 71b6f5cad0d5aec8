#pragma once
// Time inside Snag is UTC, held as milliseconds since the Unix epoch.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace snag {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

inline std::int64_t to_epoch_ms(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp from_epoch_ms(std::int64_t ms) { return Timestamp{std::chrono::milliseconds{ms}}; }

// Midnight UTC of the Monday that starts the week `at` falls in: the weeks the reports count.
inline Timestamp week_start(Timestamp at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  return day - (std::chrono::weekday{day} - std::chrono::Monday);
}

// "2026-11-28T12:00:00Z", with ".123" before the Z when the milliseconds are not zero.
std::string format_rfc3339(Timestamp t);

// Accepts RFC 3339 date-times with "Z" or a numeric offset and up to nanosecond fractions
// (truncated to milliseconds). Returns nullopt for anything else.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

}  // namespace snag
