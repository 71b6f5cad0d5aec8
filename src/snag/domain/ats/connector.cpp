#include <algorithm>

#include <snag/domain/ats/connector.hpp>

namespace snag {
namespace {

template <std::size_t N>
bool is_one_of(std::string_view value, const std::string_view (&allowed)[N]) {
  return std::find(std::begin(allowed), std::end(allowed), value) != std::end(allowed);
}

template <std::size_t N>
std::string listed(const std::string_view (&allowed)[N]) {
  std::string text;
  for (const auto value : allowed) {
    if (!text.empty()) text += ", ";
    text += value;
  }
  return text;
}

// Ids appear in URLs (/hooks/{connector}) and candidate references: keep them plain.
bool is_plain_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

}  // namespace

std::vector<FieldError> validate_connector(const Connector& connector) {
  std::vector<FieldError> errors;
  if (!is_plain_id(connector.id)) {
    errors.push_back({"id", "must be 1 to 64 letters, digits, '-', '_' or '.'"});
  } else if (connector.id == k_reserved_connector_id) {
    errors.push_back({"id", "is reserved"});
  }
  if (!is_one_of(connector.vendor, k_connector_vendors)) {
    errors.push_back({"vendor", "must be one of " + listed(k_connector_vendors)});
  }
  if (!is_one_of(connector.mode, k_connector_modes)) {
    errors.push_back({"mode", "must be one of " + listed(k_connector_modes)});
  }
  if (!is_plain_id(connector.ats)) errors.push_back({"ats", "must be 1 to 64 letters, digits, '-', '_' or '.'"});
  if (connector.vendor == "csv" && connector.mode != "batch") {
    errors.push_back({"mode", "a csv connector is fed by imports only: its mode is batch"});
  }
  if (receives_webhooks(connector) && connector.vendor != "csv") {
    if (connector.secrets.empty()) errors.push_back({"secret", "is required to verify webhook signatures"});
    for (const auto& secret : connector.secrets) {
      if (secret.size() < 8) errors.push_back({"secret", "must be at least 8 characters"});
    }
  }
  if (pulls_batches(connector) && connector.vendor != "csv" && !connector.api_url) {
    errors.push_back({"api_url", "is required for batch and hybrid modes"});
  }
  if (connector.api_url && connector.api_url->rfind("http://", 0) != 0 &&
      connector.api_url->rfind("https://", 0) != 0) {
    errors.push_back({"api_url", "must be an http:// or https:// URL"});
  }
  return errors;
}

bool receives_webhooks(const Connector& connector) {
  return connector.mode == "realtime" || connector.mode == "hybrid";
}

bool pulls_batches(const Connector& connector) { return connector.mode == "batch" || connector.mode == "hybrid"; }

std::string secret_hint(std::string_view secret) {
  if (secret.size() <= 8) return "****";
  return "…" + std::string(secret.substr(secret.size() - 4));
}

}  // namespace snag
