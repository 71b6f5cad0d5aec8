#pragma once
// Sends planned webhook deliveries to a URL at a chosen rate and counts the answers.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <snag/app/ports/http_client.hpp>
#include <snag/cli/mock_ats/webhook_payloads.hpp>

namespace snag::mock_ats {

struct SendOptions {
  std::string url;
  double rate = 0;              // deliveries per second; 0 sends as fast as the peer answers
  std::size_t connections = 1;  // deliveries in flight at once
  std::chrono::milliseconds timeout{10000};
  // Called, one call at a time, with each delivery the peer answered 2xx.
  std::function<void(const MockDelivery&)> on_accepted;
};

struct SendReport {
  std::size_t sent = 0;                 // requests made
  std::size_t repeats = 0;              // of which repeats of an event already sent
  std::size_t succeeded = 0;            // 2xx
  std::size_t rejected = 0;             // any other status
  std::size_t failed = 0;               // no answer (refused, reset, timed out)
  std::map<int, std::size_t> statuses;  // how many of each status
};

// Delivery i is due i / rate seconds after the start, and a repeat its `hold` later still; due
// deliveries go out in that order over `connections` threads. Returns early, with what was sent,
// once `stop` is set.
SendReport send_deliveries(HttpClient& http, const std::vector<MockDelivery>& deliveries, const SendOptions& options,
                           const std::atomic<bool>& stop);

}  // namespace snag::mock_ats
