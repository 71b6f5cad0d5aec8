#include <snag/integrations/ats/webhook_headers.hpp>

#include <algorithm>

namespace snag::ats {

namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim_whitespace(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

WebhookHeaders::WebhookHeaders(std::initializer_list<std::pair<std::string, std::string>> entries)
    : m_entries(entries) {}

void WebhookHeaders::add(std::string name, std::string value) {
  m_entries.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> WebhookHeaders::find(std::string_view name) const {
  for (const auto& [entry_name, value] : m_entries) {
    if (equal_ignoring_case(entry_name, name)) return trim_whitespace(value);
  }
  return std::nullopt;
}

}  // namespace snag::ats
