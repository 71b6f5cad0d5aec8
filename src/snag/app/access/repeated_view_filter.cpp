#include <snag/app/access/repeated_view_filter.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace snag {

namespace {

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

RepeatedViewFilter::RepeatedViewFilter(std::chrono::milliseconds window, std::size_t capacity)
    : m_window(window), m_capacity(capacity) {}

RepeatedViewFilter::Key RepeatedViewFilter::key_of(const AccessEntry& view) {
  std::string who_what;
  who_what.reserve(view.actor.size() + view.credential.size() + view.address.size() + view.object.size() + 3);
  // The separator cannot occur in any of the four: they are names, ids and addresses.
  for (const auto* part : {&view.actor, &view.credential, &view.address, &view.object}) {
    who_what += *part;
    who_what += '\x1f';
  }
  return Key{std::hash<std::string_view>{}(who_what), fnv1a(who_what)};
}

bool RepeatedViewFilter::seen_within_window(const Generation& generation, const Key& key, Timestamp at) const {
  const auto found = generation.find(key);
  return found != generation.end() && at - found->second < m_window;
}

void RepeatedViewFilter::retire_current(Timestamp at) {
  m_previous = std::move(m_current);
  m_current = {};
  m_current_since = at;
}

bool RepeatedViewFilter::admit(const AccessEntry& view) {
  if (m_window <= std::chrono::milliseconds::zero()) return true;
  // The generation forgotten here holds only views older than the window: no suppression is lost.
  if (view.at - m_current_since >= m_window) retire_current(view.at);
  const Key key = key_of(view);
  if (seen_within_window(m_current, key, view.at) || seen_within_window(m_previous, key, view.at)) return false;
  if (m_current.size() >= m_capacity) retire_current(view.at);
  m_current[key] = view.at;
  return true;
}

}  // namespace snag
