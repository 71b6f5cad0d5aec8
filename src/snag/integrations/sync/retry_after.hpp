#pragma once
// The Retry-After header (RFC 9110 §10.2.3) that comes with a 429 or 503: either a number of
// seconds or an HTTP date.

#include <chrono>
#include <optional>
#include <string_view>

#include <snag/util/time.hpp>

namespace snag::sync {

// How long to wait from `now`: the seconds as given, or the time until the date (zero for a date
// in the past). nullopt when the value is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, Timestamp now);

}  // namespace snag::sync
