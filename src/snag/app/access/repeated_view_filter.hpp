#pragma once
// Which views reach the access log. A person who pages through a queue or reloads a ticket sees
// the same records again and again; logging each sighting made the log grow by fifty rows per
// list page and kept the writer from everything else. So a view is logged unless the same
// person saw the same record, through the same credential and from the same address, less than
// a window ago: the log still answers "who saw this candidate's records, and when" to within
// the window. A zero window logs every view.
//
// Memory is bounded: each of the two generations of remembered views holds at most `capacity`;
// when the current one is full it is retired early, so that under a flood of distinct views
// fewer repeats are suppressed (more is logged, never less). Not thread-safe.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include <snag/domain/access/access_log.hpp>

namespace snag {

class RepeatedViewFilter {
 public:
  static constexpr std::size_t k_default_capacity = 65536;

  explicit RepeatedViewFilter(std::chrono::milliseconds window, std::size_t capacity = k_default_capacity);

  // True when `view` is to be logged (and then remembered from its `at`).
  bool admit(const AccessEntry& view);

 private:
  // Two independent 64-bit hashes of who saw what: a false "seen" would lose a log entry, and
  // with 128 bits that takes about 2^64 remembered views.
  struct Key {
    std::uint64_t first;
    std::uint64_t second;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const { return static_cast<std::size_t>(key.first); }
  };
  using Generation = std::unordered_map<Key, Timestamp, KeyHash>;

  static Key key_of(const AccessEntry& view);
  bool seen_within_window(const Generation& generation, const Key& key, Timestamp at) const;
  void retire_current(Timestamp at);

  std::chrono::milliseconds m_window;
  std::size_t m_capacity;
  Generation m_current;
  Generation m_previous;
  Timestamp m_current_since{};
};

}  // namespace snag
