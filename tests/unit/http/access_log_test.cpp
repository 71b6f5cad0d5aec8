#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <snag/http/access_log.hpp>

namespace snag::http {
namespace access_log_test {

// Reads everything written to a pipe once the write end is closed.
std::vector<std::string> read_lines(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const auto n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  EXPECT_TRUE(text.empty() || text.back() == '\n');
  return lines;
}

TEST(AccessLog, WritesEveryLineAsJsonByTheTimeItIsDestroyed) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::thread reader_thread;
  std::vector<std::string> lines;
  reader_thread = std::thread([&] { lines = read_lines(fds[0]); });
  {
    AccessLog log("info", fds[1]);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&log, t] {
        for (int i = 0; i < 2000; ++i) {
          log.request("id-" + std::to_string(t) + "-" + std::to_string(i), "GET",
                      i == 7 ? std::string(5000, 'x') : "/api/v1/tickets/\"SNAG\xFF", 200, 0.25);
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  ::close(fds[1]);
  reader_thread.join();
  ::close(fds[0]);
  ASSERT_EQ(lines.size(), 8000U);
  for (const auto& line : lines) {
    const auto parsed = nlohmann::json::parse(line);
    EXPECT_EQ(parsed["msg"], "request");
    EXPECT_EQ(parsed["status"], 200);
    EXPECT_TRUE(parsed["request_id"].get<std::string>().starts_with("id-"));
  }
}

TEST(AccessLog, FlushWritesPendingLinesAndLevelsAboveInfoLogNothing) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    AccessLog quiet("warn", fds[1]);
    quiet.request("r", "GET", "/", 200, 1.0);
    quiet.flush();
    AccessLog log("info", fds[1]);
    log.request("r-1", "GET", "/healthz", 200, 1.5);
    log.flush();
    ASSERT_EQ(::fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
    char buffer[1024];
    const auto n = ::read(fds[0], buffer, sizeof buffer);
    ASSERT_GT(n, 0);
    const std::string line(buffer, static_cast<std::size_t>(n));
    EXPECT_EQ(line.back(), '\n');
    EXPECT_EQ(nlohmann::json::parse(line)["request_id"], "r-1");
  }
  ::close(fds[0]);
  ::close(fds[1]);
}

}  // namespace access_log_test
}  // namespace snag::http
