#include <algorithm>

#include <snag/app/identity/recent_events.hpp>

namespace snag {

std::optional<long> RecentEvents::wait_if_full(const std::string& key, std::size_t limit, Timestamp now) {
  const auto found = m_events.find(key);
  if (found == m_events.end()) return std::nullopt;
  prune(found->second, now);
  if (found->second.size() < limit) return std::nullopt;
  const auto wait = found->second.front() + m_window - now;
  return std::max(1L, static_cast<long>(std::chrono::ceil<std::chrono::seconds>(wait).count()));
}

void RecentEvents::count(const std::string& key, Timestamp now) {
  if (!m_events.contains(key)) make_room(now);
  m_events[key].push_back(now);
}

void RecentEvents::take_back(const std::string& key, Timestamp at) {
  const auto found = m_events.find(key);
  if (found == m_events.end()) return;
  auto& events = found->second;
  if (const auto it = std::find(events.begin(), events.end(), at); it != events.end()) events.erase(it);
  if (events.empty()) m_events.erase(found);
}

void RecentEvents::prune(std::deque<Timestamp>& events, Timestamp now) const {
  while (!events.empty() && events.front() + m_window <= now) events.pop_front();
}

void RecentEvents::make_room(Timestamp now) {
  if (m_events.size() < m_max_keys) return;
  for (auto it = m_events.begin(); it != m_events.end();) {
    prune(it->second, now);
    it = it->second.empty() ? m_events.erase(it) : std::next(it);
  }
  if (m_events.size() < m_max_keys || m_events.empty()) return;
  const auto stalest = std::min_element(m_events.begin(), m_events.end(),
                                        [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
  m_events.erase(stalest);
}

}  // namespace snag
