#pragma once
// Reading a header whose value is a comma-separated list (RFC 9110 §5.6.1), such as
// Accept-Encoding or If-None-Match.

#include <string_view>

namespace snag::http {

// Removes the first element of `list` and returns it without its surrounding spaces and tabs.
inline std::string_view next_list_element(std::string_view& list) {
  const auto end = list.find(',');
  auto element = list.substr(0, end);
  list = end == std::string_view::npos ? std::string_view{} : list.substr(end + 1);
  const auto first = element.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return element.substr(first, element.find_last_not_of(" \t") - first + 1);
}

}  // namespace snag::http
