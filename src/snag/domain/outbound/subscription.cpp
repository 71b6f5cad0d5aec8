#include <algorithm>
#include <set>

#include <snag/domain/outbound/subscription.hpp>

namespace snag {

namespace {

constexpr std::size_t k_max_name_length = 200;
constexpr std::size_t k_max_url_length = 2048;
constexpr std::size_t k_max_vendor_length = 64;

bool is_known_event(std::string_view event) {
  return std::find(std::begin(k_outbound_events), std::end(k_outbound_events), event) != std::end(k_outbound_events);
}

// http(s)://, a host, and no whitespace or control characters anywhere: the deliverer hands the
// URL to the HTTP client as it is.
bool is_webhook_url(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || rest.front() == ':') return false;
  return std::none_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; });
}

}  // namespace

bool Subscription::wants(std::string_view event_type) const {
  return std::find(events.begin(), events.end(), event_type) != events.end();
}

bool is_vendor_code(std::string_view vendor) {
  return !vendor.empty() && vendor.size() <= k_max_vendor_length &&
         std::all_of(vendor.begin(), vendor.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; });
}

std::vector<FieldError> validate_subscription(const Subscription& subscription) {
  std::vector<FieldError> errors;
  if (subscription.name.empty() || subscription.name.size() > k_max_name_length) {
    errors.push_back({"name", "must be 1 to 200 characters"});
  }
  if (subscription.url.size() > k_max_url_length || !is_webhook_url(subscription.url)) {
    errors.push_back({"url", "must be an http:// or https:// URL with a host and no spaces"});
  }
  if (!is_vendor_code(subscription.vendor)) {
    errors.push_back({"vendor", "must be 1 to 64 of a-z, 0-9, '_' and '-'"});
  }
  if (subscription.events.empty()) {
    errors.push_back({"events", "must name at least one of ticket.created, ticket.changed, ticket.resolved"});
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < subscription.events.size(); ++i) {
    const std::string& event = subscription.events[i];
    const std::string field = "events[" + std::to_string(i) + "]";
    if (!is_known_event(event)) {
      errors.push_back({field, "must be ticket.created, ticket.changed or ticket.resolved"});
    } else if (!seen.insert(event).second) {
      errors.push_back({field, "is listed twice"});
    }
  }
  return errors;
}

}  // namespace snag
