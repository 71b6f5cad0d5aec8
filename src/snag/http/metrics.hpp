#pragma once
// Request counters for /metrics. Recording is lock-free (relaxed atomics), because it happens
// on every request on every I/O thread.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <snag/app/ports/store.hpp>
#include <snag/domain/ats/synthetic_probe.hpp>
#include <snag/http/router.hpp>
#include <snag/integrations/processing_pace.hpp>

namespace snag::http {

inline constexpr std::array<double, 12> k_duration_bounds_seconds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                                  0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

class Metrics {
 public:
  // REQUIRES: called once, before record(); the routes must outlive this object.
  void describe_routes(const std::vector<RouteInfo>& routes);

  // `route_index` is a position in the routes, or their count for a request no route matched.
  void record(std::size_t route_index, unsigned status, std::chrono::nanoseconds duration);

  // Event streams (GET /api/v1/events) open right now: a gauge.
  void stream_opened() { m_open_streams.fetch_add(1, std::memory_order_relaxed); }
  void stream_closed() { m_open_streams.fetch_sub(1, std::memory_order_relaxed); }

  // Prometheus text exposition format 0.0.4, including the store's commit counters.
  std::string render(const CommitStats& store) const;

 private:
  static constexpr unsigned k_first_status = 100;
  static constexpr unsigned k_status_count = 500;  // 100..599
  struct RouteCounters {
    std::array<std::atomic<std::uint64_t>, k_status_count> by_status{};
    std::array<std::atomic<std::uint64_t>, k_duration_bounds_seconds.size() + 1> buckets{};
    std::atomic<std::uint64_t> duration_sum_ns{0};
  };

  const std::vector<RouteInfo>* m_routes = nullptr;
  std::unique_ptr<RouteCounters[]> m_counters;  // one per route, plus one for unmatched requests
  std::atomic<std::int64_t> m_open_streams{0};
};

// How this node's inbox processor has given way to webhook intake (processing_pace.hpp).
std::string render_inbox_metrics(const ProcessingPauses& pauses);

// The synthetic probe's figures (README "Synthetic monitoring") from the state every node shares:
// each node reports the same values, so aggregate them with max, not sum. Nothing before the
// first probe.
std::string render_synthetic_metrics(const std::optional<SyntheticState>& state);

}  // namespace snag::http
