#include <algorithm>

#include <snag/domain/access/widget_policy.hpp>

namespace snag {
namespace {

bool is_host_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '[' || c == ']' || c == ':';
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::optional<std::string> normalized_origin(std::string_view text) {
  std::string origin;
  origin.reserve(text.size());
  std::transform(text.begin(), text.end(), std::back_inserter(origin), lower);
  std::string_view rest = origin;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  if (rest.empty() || rest.front() == ':') return std::nullopt;
  if (!std::all_of(rest.begin(), rest.end(), is_host_character)) return std::nullopt;
  // A port, when there is one, is digits after the host (or after an IPv6 literal's bracket).
  const auto bracket = rest.rfind(']');
  const auto colon = rest.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    const auto port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    if (bracket == std::string_view::npos && rest.substr(0, colon).find(':') != std::string_view::npos) {
      return std::nullopt;  // an IPv6 address without its brackets
    }
  }
  return origin;
}

bool allows_origin(const WidgetPolicy& policy, std::string_view origin) {
  const auto normalized = normalized_origin(origin);
  return normalized && std::find(policy.allowed_origins.begin(), policy.allowed_origins.end(), *normalized) !=
                           policy.allowed_origins.end();
}

std::string widget_actor_name(std::string_view origin) {
  const auto scheme_end = origin.find("://");
  return "widget:" + std::string(scheme_end == std::string_view::npos ? origin : origin.substr(scheme_end + 3));
}

}  // namespace snag
