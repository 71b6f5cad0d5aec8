#include <algorithm>
#include <mutex>
#include <numeric>
#include <thread>

#include <snag/cli/mock_ats/webhook_sender.hpp>

namespace snag::mock_ats {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Sleeps until `due` in short steps, so that a stop request is noticed; false when stopped.
bool wait_until(SteadyClock::time_point due, const std::atomic<bool>& stop) {
  constexpr auto k_step = std::chrono::milliseconds(100);
  while (!stop.load()) {
    const auto now = SteadyClock::now();
    if (now >= due) return true;
    std::this_thread::sleep_for(std::min<SteadyClock::duration>(due - now, k_step));
  }
  return false;
}

}  // namespace

SendReport send_deliveries(HttpClient& http, const std::vector<MockDelivery>& deliveries, const SendOptions& options,
                           const std::atomic<bool>& stop) {
  std::vector<std::chrono::microseconds> due(deliveries.size());
  for (std::size_t i = 0; i < deliveries.size(); ++i) {
    const double seconds = options.rate > 0 ? static_cast<double>(i) / options.rate : 0.0;
    due[i] = std::chrono::microseconds(static_cast<std::int64_t>(seconds * 1e6)) + deliveries[i].hold;
  }
  std::vector<std::size_t> order(deliveries.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return due[a] < due[b]; });

  SendReport report;
  std::mutex report_mutex;
  std::atomic<std::size_t> next{0};
  const auto start = SteadyClock::now();
  const auto work = [&] {
    for (;;) {
      const std::size_t position = next++;
      if (position >= order.size()) return;
      const MockDelivery& delivery = deliveries[order[position]];
      if (!wait_until(start + due[order[position]], stop)) return;
      HttpClientRequest request;
      request.method = "POST";
      request.url = options.url;
      request.headers = delivery.signed_now ? delivery.signed_now() : delivery.headers;
      request.body = delivery.body;
      request.timeout = options.timeout;
      const auto response = http.send(request);
      std::lock_guard lock(report_mutex);
      ++report.sent;
      if (delivery.repeat) ++report.repeats;
      if (!response) {
        ++report.failed;
        continue;
      }
      ++report.statuses[response->status];
      const bool accepted = response->status >= 200 && response->status < 300;
      (accepted ? report.succeeded : report.rejected) += 1;
      if (accepted && options.on_accepted) options.on_accepted(delivery);
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < std::max<std::size_t>(options.connections, 1); ++i) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  return report;
}

}  // namespace snag::mock_ats
