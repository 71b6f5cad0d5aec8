#pragma once
// Instants written as RFC 3339 text, which reads better in a test than milliseconds.

#include <stdexcept>
#include <string>
#include <string_view>

#include <snag/util/time.hpp>

namespace snag::testing {

inline Timestamp at(std::string_view rfc3339) {
  const auto parsed = parse_rfc3339(rfc3339);
  if (!parsed) throw std::invalid_argument("not RFC 3339: " + std::string(rfc3339));
  return *parsed;
}

}  // namespace snag::testing
