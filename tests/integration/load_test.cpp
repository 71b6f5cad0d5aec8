// Under a bounded loopback load (wrk, 64 connections, issue 10) the server stays up, answers
// every request, and its memory stays flat: a round of load after the warm-up round leaves its
// resident set where the warm-up left it. The latencies are printed, not asserted (a test's
// timing depends on the machine): `make bench` measures p99 beside this load against p99 alone.

#include <cstdio>
#include <fstream>
#include <string>

#include "snag_process.hpp"
#include <gtest/gtest.h>

namespace snag::testing {
namespace load_test {

constexpr int k_tickets = 200;

// What bench/wrk/common.lua prints at the end of a run.
struct WrkResult {
  long requests = -1;
  long p99_us = -1;
  long non2xx = -1;
  long socket_errors = -1;
};

WrkResult run_wrk(const SnagServer& server, int connections, int seconds) {
  const std::string command =
      "SNAG_BENCH_WRK_DIR='" SNAG_BENCH_WRK_DIR "' SNAG_BENCH_KEY='" + server.admin_key() +
      "' SNAG_BENCH_TICKETS=" + std::to_string(k_tickets) + " wrk -t" + std::to_string(std::min(connections, 2)) +
      " -c" + std::to_string(connections) + " -d" + std::to_string(seconds) +
      "s -s '" SNAG_BENCH_WRK_DIR "/get.lua' http://127.0.0.1:" + std::to_string(server.port()) + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run wrk");
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  if (status != 0) {
    throw std::runtime_error("wrk failed (scripts/install-deps.sh installs it):\n" + output);
  }
  WrkResult result;
  const auto line = output.find("SNAG_BENCH ");
  if (line == std::string::npos) throw std::runtime_error("wrk printed no result:\n" + output);
  std::sscanf(output.c_str() + line,
              "SNAG_BENCH requests=%ld rps=%*f p50_us=%*d p99_us=%ld max_us=%*d non2xx=%ld socket_errors=%ld",
              &result.requests, &result.p99_us, &result.non2xx, &result.socket_errors);
  return result;
}

long resident_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  }
  return -1;
}

TEST(Load, SixtyFourConnectionsOfReadsLeaveTheServerUpWithFlatMemory) {
  SnagServer server;
  for (int i = 0; i < k_tickets; ++i) {
    const auto created =
        server.post("/api/v1/tickets", {{"type", "document_missing"},
                                        {"title", "Load test ticket " + std::to_string(i)},
                                        {"candidate", {{"ats", "greenhouse"}, {"external_id", std::to_string(i)}}}});
    ASSERT_EQ(created.status, 201) << created.body;
  }

  const WrkResult alone = run_wrk(server, 1, 2);
  const WrkResult warm_up = run_wrk(server, 64, 4);
  const long warm_kib = resident_kib(server.pid());
  const WrkResult loaded = run_wrk(server, 64, 4);
  const long after_kib = resident_kib(server.pid());

  for (const auto& run : {alone, warm_up, loaded}) {
    EXPECT_GT(run.requests, 0);
    EXPECT_EQ(run.non2xx, 0) << "every request is answered 2xx";
    EXPECT_EQ(run.socket_errors, 0) << "no connection is refused, reset or timed out";
  }
  ASSERT_GT(warm_kib, 0);
  // Flat: a second round of the same load adds at most 8 MiB (allocator slack), not a share of
  // what it served.
  EXPECT_LE(after_kib - warm_kib, 8 * 1024) << "resident " << warm_kib << " KiB after the warm-up, " << after_kib
                                            << " KiB after another " << loaded.requests << " requests";
  EXPECT_EQ(server.get("/healthz").status, 200);
  std::printf(
      "load: %ld requests under 64 connections, p99 %.2f ms (one connection alone: p99 %.2f ms); "
      "resident %ld KiB -> %ld KiB\n",
      loaded.requests, static_cast<double>(loaded.p99_us) / 1000, static_cast<double>(alone.p99_us) / 1000, warm_kib,
      after_kib);
}

}  // namespace load_test
}  // namespace snag::testing
