#pragma once
// Writes the access log (domain/access/access_log.hpp). Changes are logged inside the write that
// makes them (edit_entry), exports before their data leaves (record_now). Views are queued and
// appended by a background thread in batches: a read must not wait for a durable write, and
// thousands of reads a second become a few appends. A view is therefore durable within
// k_view_flush_interval; a crash in between loses at most those entries. Repeated views within
// the configured window are logged once (repeated_view_filter.hpp).

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include <snag/app/access/repeated_view_filter.hpp>
#include <snag/app/ports/clock.hpp>
#include <snag/app/ports/store.hpp>
#include <snag/domain/access/access_log.hpp>
#include <snag/domain/actor.hpp>

namespace snag {

inline constexpr std::chrono::milliseconds k_view_flush_interval{200};

// An entry (not yet sealed) for the actor's access to a ticket or a candidate.
AccessEntry access_entry(const Actor& actor, AccessAction action, Timestamp at, const Ticket& ticket);
AccessEntry access_entry(const Actor& actor, AccessAction action, Timestamp at, const CandidateRef& candidate);
// For access to something else ("export:tickets", "access_log").
AccessEntry access_entry(const Actor& actor, AccessAction action, Timestamp at, std::string object);

// Thread-safe.
class AccessRecorder {
 public:
  AccessRecorder(Store& store, const Clock& clock, std::chrono::milliseconds view_window);
  ~AccessRecorder();  // appends what is queued
  AccessRecorder(const AccessRecorder&) = delete;
  AccessRecorder& operator=(const AccessRecorder&) = delete;

  // Queues view entries.
  void viewed(AccessEntry entry);
  void viewed(std::vector<AccessEntry> entries);
  // Appends at once and returns when durable.
  Result<void> record_now(AccessEntry entry);
  // Blocks until every entry queued so far is appended (or its append failed).
  void flush();

  const Clock& clock() const { return m_clock; }

 private:
  void run();
  void append(std::vector<AccessEntry>& batch);

  Store& m_store;
  const Clock& m_clock;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_drained;
  RepeatedViewFilter m_repeats;      // guarded by m_mutex
  std::vector<AccessEntry> m_queue;  // guarded by m_mutex
  std::uint64_t m_queued = 0;        // entries ever queued; guarded by m_mutex
  std::uint64_t m_done = 0;          // entries ever taken and appended or dropped; guarded by m_mutex
  bool m_flush_requested = false;    // guarded by m_mutex
  bool m_stop = false;               // guarded by m_mutex
  std::thread m_thread;              // last: starts after the members it uses
};

}  // namespace snag
