#include <snag/http/metrics.hpp>

#include <fmt/format.h>

namespace snag::http {

void Metrics::describe_routes(const std::vector<RouteInfo>& routes) {
  m_routes = &routes;
  m_counters = std::make_unique<RouteCounters[]>(routes.size() + 1);
}

void Metrics::record(std::size_t route_index, unsigned status, std::chrono::nanoseconds duration) {
  auto& counters = m_counters[std::min(route_index, m_routes->size())];
  if (status >= k_first_status && status < k_first_status + k_status_count) {
    counters.by_status[status - k_first_status].fetch_add(1, std::memory_order_relaxed);
  }
  const double seconds = std::chrono::duration<double>(duration).count();
  std::size_t bucket = 0;
  while (bucket < k_duration_bounds_seconds.size() && seconds > k_duration_bounds_seconds[bucket]) ++bucket;
  counters.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  counters.duration_sum_ns.fetch_add(static_cast<std::uint64_t>(duration.count()), std::memory_order_relaxed);
}

std::string Metrics::render(const CommitStats& store) const {
  fmt::memory_buffer out;
  const auto labels_of = [this](std::size_t index) {
    if (index == m_routes->size()) return std::pair<std::string_view, std::string_view>{"unmatched", "ANY"};
    const auto& route = (*m_routes)[index];
    return std::pair<std::string_view, std::string_view>{route.pattern, to_string(route.method)};
  };

  fmt::format_to(std::back_inserter(out),
                 "# HELP snag_http_requests_total HTTP requests answered, by route, method and status.\n"
                 "# TYPE snag_http_requests_total counter\n");
  for (std::size_t i = 0; i <= m_routes->size(); ++i) {
    const auto [route, method] = labels_of(i);
    for (unsigned s = 0; s < k_status_count; ++s) {
      const auto count = m_counters[i].by_status[s].load(std::memory_order_relaxed);
      if (count == 0) continue;
      fmt::format_to(std::back_inserter(out), "snag_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                     route, method, s + k_first_status, count);
    }
  }

  fmt::format_to(std::back_inserter(out),
                 "# HELP snag_http_request_duration_seconds Time from request header to response, by route.\n"
                 "# TYPE snag_http_request_duration_seconds histogram\n");
  for (std::size_t i = 0; i <= m_routes->size(); ++i) {
    const auto [route, method] = labels_of(i);
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < k_duration_bounds_seconds.size(); ++b) {
      cumulative += m_counters[i].buckets[b].load(std::memory_order_relaxed);
      fmt::format_to(std::back_inserter(out),
                     "snag_http_request_duration_seconds_bucket{{route=\"{}\",method=\"{}\",le=\"{}\"}} {}\n", route,
                     method, k_duration_bounds_seconds[b], cumulative);
    }
    cumulative += m_counters[i].buckets.back().load(std::memory_order_relaxed);
    fmt::format_to(std::back_inserter(out),
                   "snag_http_request_duration_seconds_bucket{{route=\"{}\",method=\"{}\",le=\"+Inf\"}} {}\n"
                   "snag_http_request_duration_seconds_sum{{route=\"{}\",method=\"{}\"}} {}\n"
                   "snag_http_request_duration_seconds_count{{route=\"{}\",method=\"{}\"}} {}\n",
                   route, method, cumulative, route, method,
                   static_cast<double>(m_counters[i].duration_sum_ns.load(std::memory_order_relaxed)) / 1e9, route,
                   method, cumulative);
  }

  fmt::format_to(std::back_inserter(out),
                 "# HELP snag_http_open_event_streams Server-Sent Event streams open now.\n"
                 "# TYPE snag_http_open_event_streams gauge\n"
                 "snag_http_open_event_streams {}\n",
                 m_open_streams.load(std::memory_order_relaxed));

  fmt::format_to(std::back_inserter(out),
                 "# HELP snag_store_commits_total Store transactions committed (each may hold many writes).\n"
                 "# TYPE snag_store_commits_total counter\n"
                 "snag_store_commits_total {}\n"
                 "# HELP snag_store_writes_total Units of work committed by the store.\n"
                 "# TYPE snag_store_writes_total counter\n"
                 "snag_store_writes_total {}\n"
                 "# HELP snag_store_failed_commits_total Store commits that failed.\n"
                 "# TYPE snag_store_failed_commits_total counter\n"
                 "snag_store_failed_commits_total {}\n"
                 "# HELP snag_store_rerun_batches_total Store batches run again with a savepoint per write, after "
                 "a write failed having changed rows.\n"
                 "# TYPE snag_store_rerun_batches_total counter\n"
                 "snag_store_rerun_batches_total {}\n"
                 "# HELP snag_store_syncs_total Syncs that made committed store batches durable beside the writer "
                 "(SQLite; each covers every batch committed before it).\n"
                 "# TYPE snag_store_syncs_total counter\n"
                 "snag_store_syncs_total {}\n"
                 "# HELP snag_store_commit_batch_size Writes per committed transaction (group commit).\n"
                 "# TYPE snag_store_commit_batch_size histogram\n",
                 store.commits, store.writes, store.failed_commits, store.rerun_batches, store.syncs);
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b < k_commit_batch_bounds.size(); ++b) {
    cumulative += store.batch_buckets[b];
    fmt::format_to(std::back_inserter(out), "snag_store_commit_batch_size_bucket{{le=\"{}\"}} {}\n",
                   k_commit_batch_bounds[b], cumulative);
  }
  cumulative += store.batch_buckets.back();
  fmt::format_to(std::back_inserter(out),
                 "snag_store_commit_batch_size_bucket{{le=\"+Inf\"}} {}\n"
                 "snag_store_commit_batch_size_sum {}\n"
                 "snag_store_commit_batch_size_count {}\n",
                 cumulative, store.writes, cumulative);
  return fmt::to_string(out);
}

std::string render_inbox_metrics(const ProcessingPauses& pauses) {
  return fmt::format(
      "# HELP snag_inbox_pauses_total Pauses the inbox processor took between rounds to leave the writer to "
      "webhook intake.\n"
      "# TYPE snag_inbox_pauses_total counter\n"
      "snag_inbox_pauses_total {}\n"
      "# HELP snag_inbox_pause_seconds_total Time the inbox processor spent in those pauses.\n"
      "# TYPE snag_inbox_pause_seconds_total counter\n"
      "snag_inbox_pause_seconds_total {}\n",
      pauses.count, static_cast<double>(pauses.total.count()) / 1e9);
}

std::string render_synthetic_metrics(const std::optional<SyntheticState>& state) {
  if (!state) return {};
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out),
                 "# HELP snag_synthetic_probes_total Synthetic probes judged, by result.\n"
                 "# TYPE snag_synthetic_probes_total counter\n"
                 "snag_synthetic_probes_total{{result=\"ok\"}} {}\n"
                 "snag_synthetic_probes_total{{result=\"failed\"}} {}\n"
                 "# HELP snag_synthetic_consecutive_failures Synthetic probes failed in a row.\n"
                 "# TYPE snag_synthetic_consecutive_failures gauge\n"
                 "snag_synthetic_consecutive_failures {}\n",
                 state->probes_ok, state->probes_failed, state->consecutive_failures);
  if (state->last_latency) {
    fmt::format_to(std::back_inserter(out),
                   "# HELP snag_synthetic_latency_seconds From the last successful probe's webhook to its ticket.\n"
                   "# TYPE snag_synthetic_latency_seconds gauge\n"
                   "snag_synthetic_latency_seconds {}\n",
                   static_cast<double>(state->last_latency->count()) / 1e3);
  }
  if (state->last_success_at) {
    fmt::format_to(std::back_inserter(out),
                   "# HELP snag_synthetic_last_success_timestamp_seconds When the last probe succeeded (Unix time).\n"
                   "# TYPE snag_synthetic_last_success_timestamp_seconds gauge\n"
                   "snag_synthetic_last_success_timestamp_seconds {}\n",
                   static_cast<double>(to_epoch_ms(*state->last_success_at)) / 1e3);
  }
  return fmt::to_string(out);
}

}  // namespace snag::http
