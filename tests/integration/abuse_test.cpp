// Clients that hold connections rather than use them: more connections from one address than
// the server allows are answered 503 and closed, and a client that trickles its request (a
// slow loris) or never finishes its body loses its connection at the request timeout, while
// everyone else is served meanwhile.

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "snag_process.hpp"
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

namespace snag::testing {
namespace abuse_test {

namespace asio = boost::asio;
using asio::ip::tcp;

tcp::socket connect_to(asio::io_context& context, const SnagServer& server) {
  tcp::socket socket(context);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
  return socket;
}

// Everything the server sends until it closes the connection (or 10 s pass).
std::string read_until_closed(tcp::socket& socket) {
  std::string received;
  char chunk[4096];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    boost::system::error_code ec;
    const auto size = socket.read_some(asio::buffer(chunk), ec);
    received.append(chunk, size);
    if (ec) break;
  }
  return received;
}

std::string status_line(const std::string& response) { return response.substr(0, response.find("\r\n")); }

const std::string k_health_request = "GET /healthz HTTP/1.1\r\nHost: snag\r\nConnection: close\r\n\r\n";

TEST(Abuse, ConnectionsBeyondTheLimitOfAnAddressAre503AndTheOthersAreServed) {
  const ScopedEnvironment limit("SNAG_MAX_CONNECTIONS_PER_ADDRESS", "4");
  SnagServer server;
  asio::io_context context;
  std::vector<tcp::socket> held;
  for (int i = 0; i < 4; ++i) held.push_back(connect_to(context, server));

  auto extra = connect_to(context, server);
  asio::write(extra, asio::buffer(k_health_request));
  const auto refused = read_until_closed(extra);
  EXPECT_EQ(status_line(refused), "HTTP/1.1 503 Service Unavailable") << refused;
  EXPECT_NE(refused.find("Retry-After: 1"), std::string::npos) << refused;
  EXPECT_NE(refused.find("Too many connections from this address."), std::string::npos) << refused;

  // The connections within the limit work, and once one closes, a new one is admitted.
  asio::write(held.back(), asio::buffer(k_health_request));
  EXPECT_EQ(status_line(read_until_closed(held.back())), "HTTP/1.1 200 OK");
  held.back().close();
  held.pop_back();
  std::string answer;
  for (int attempt = 0; attempt < 50; ++attempt) {  // the server notices the close at once, or nearly
    auto next = connect_to(context, server);
    asio::write(next, asio::buffer(k_health_request));
    answer = read_until_closed(next);
    if (status_line(answer) == "HTTP/1.1 200 OK") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status_line(answer), "HTTP/1.1 200 OK") << answer;
}

TEST(Abuse, ASlowLorisAndABodyNeverFinishedAreCutOffWhileOthersAreServed) {
  const ScopedEnvironment timeout("SNAG_REQUEST_TIMEOUT_SECONDS", "1");
  SnagServer server;
  asio::io_context context;
  auto loris = connect_to(context, server);
  auto unfinished = connect_to(context, server);
  asio::write(unfinished, asio::buffer(std::string("POST /api/v1/tickets HTTP/1.1\r\nHost: snag\r\n"
                                                   "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                                                   "{\"type\":")));
  const auto started = std::chrono::steady_clock::now();
  asio::write(loris, asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: snag\r\n")));

  // One header byte every 100 ms: the request never completes within the timeout.
  const auto closed_by_server = [&] {
    boost::system::error_code ec;
    loris.non_blocking(true);
    char byte;
    loris.read_some(asio::buffer(&byte, 1), ec);
    loris.non_blocking(false);
    return ec && ec != asio::error::would_block;
  };
  bool loris_cut = false;
  int others_served = 0;
  for (int i = 0; i < 60 && !loris_cut; ++i) {
    boost::system::error_code ec;
    asio::write(loris, asio::buffer(std::string_view(i == 0 ? "X-Slow: " : "a")), ec);
    if (server.send({"GET", "/healthz", "", {{"Authorization", ""}}}).status == 200) ++others_served;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    loris_cut = ec || closed_by_server();
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(loris_cut) << "the trickling connection stayed open";
  EXPECT_LT(elapsed, std::chrono::seconds(4));
  EXPECT_GE(others_served, 5) << "others were not served while the slow clients waited";

  // The unfinished body met the same deadline: the server closed it without an answer.
  EXPECT_EQ(read_until_closed(unfinished), "");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

}  // namespace abuse_test
}  // namespace snag::testing
