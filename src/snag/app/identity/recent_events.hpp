#pragma once
// How often each key (an account, an address) did something within a sliding window, in this
// node's memory: what sign-in throttling and the widget's rate limit count. Not thread-safe;
// the owner locks.

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

#include <snag/util/time.hpp>

namespace snag {

class RecentEvents {
 public:
  // Beyond `max_keys` keys, the keys whose events all left the window are dropped, then the one
  // whose last event is oldest: a flood of distinct keys cannot grow the memory without bound.
  explicit RecentEvents(std::chrono::milliseconds window, std::size_t max_keys = 10000)
      : m_window(window), m_max_keys(max_keys) {}

  // Whole seconds (at least 1) until the key's oldest event leaves the window, when the key has
  // `limit` (at least 1) events within it; nullopt when it has fewer. Never inserts a key.
  std::optional<long> wait_if_full(const std::string& key, std::size_t limit, Timestamp now);
  void count(const std::string& key, Timestamp now);
  // Takes back the event counted `at`, if it is still counted.
  void take_back(const std::string& key, Timestamp at);
  void forget(const std::string& key) { m_events.erase(key); }

 private:
  void prune(std::deque<Timestamp>& events, Timestamp now) const;
  void make_room(Timestamp now);

  std::chrono::milliseconds m_window;
  std::size_t m_max_keys;
  std::unordered_map<std::string, std::deque<Timestamp>> m_events;  // oldest first, per key
};

}  // namespace snag
