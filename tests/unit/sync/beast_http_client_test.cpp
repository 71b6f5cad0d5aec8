// The Beast HTTP client against real sockets: plain HTTP through the mock ATS's server, and TLS
// through a small server with a self-signed certificate.

#include <atomic>
#include <thread>
#include <utility>  // before Asio: g++ 12 needs it for the coroutine support

#include "test_certificate.hpp"
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include <snag/cli/mock_ats/tiny_server.hpp>
#include <snag/net/beast_http_client.hpp>

namespace snag {
namespace beast_http_client_test {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using mock_ats::MockRequest;
using mock_ats::MockResponse;

// Answers every connection's first request with 200 "secure" over TLS, one connection at a time.
class TlsServer {
 public:
  TlsServer() {
    m_tls.use_certificate_chain(asio::buffer(std::string(testing::k_test_certificate_pem)));
    m_tls.use_private_key(asio::buffer(std::string(testing::k_test_private_key_pem)), asio::ssl::context::pem);
    m_acceptor.open(tcp::v4());
    m_acceptor.bind({asio::ip::make_address("127.0.0.1"), 0});
    m_acceptor.listen();
    m_thread = std::thread([this] { serve(); });
  }
  ~TlsServer() {
    m_stopping = true;
    // Wakes the blocking accept, which then sees m_stopping.
    tcp::socket poke(m_context);
    boost::system::error_code ignored;
    poke.connect(m_acceptor.local_endpoint(), ignored);
    m_thread.join();
  }

  unsigned short port() const { return m_acceptor.local_endpoint().port(); }

 private:
  void serve() {
    for (;;) {
      tcp::socket socket(m_context);
      boost::system::error_code ec;
      m_acceptor.accept(socket, ec);
      if (ec || m_stopping) return;
      asio::ssl::stream<tcp::socket> stream(std::move(socket), m_tls);
      stream.handshake(asio::ssl::stream_base::server, ec);
      if (ec) continue;  // the client refused our certificate
      boost::beast::flat_buffer buffer;
      bhttp::request<bhttp::string_body> request;
      bhttp::read(stream, buffer, request, ec);
      if (ec) continue;
      bhttp::response<bhttp::string_body> response{bhttp::status::ok, 11};
      response.body() = "secure";
      response.prepare_payload();
      bhttp::write(stream, response, ec);
      stream.lowest_layer().close(ec);
    }
  }

  asio::io_context m_context;
  asio::ssl::context m_tls{asio::ssl::context::tls_server};
  tcp::acceptor m_acceptor{m_context};
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
};

TEST(BeastHttpClient, SendsTheRequestAndReadsTheWholeResponse) {
  MockRequest seen;
  auto server = mock_ats::TinyServer::start("127.0.0.1:0", [&seen](const MockRequest& request) {
    seen = request;
    return MockResponse{207, {{"Content-Type", "text/plain"}, {"X-Echo", "yes"}}, std::string(100000, 'x')};
  });
  ASSERT_TRUE(server);
  BeastHttpClient client;
  HttpClientRequest request;
  request.method = "POST";
  request.url = (*server)->url() + "/hooks/gh?x=1";
  request.headers = {{"Content-Type", "application/json"}, {"Signature", "sha256 abc"}};
  request.body = R"({"action":"ping"})";
  const auto response = client.send(request);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 207);
  EXPECT_EQ(response->header("x-echo"), "yes");
  EXPECT_EQ(response->body.size(), 100000u);
  (*server)->stop();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/hooks/gh?x=1");
  EXPECT_EQ(seen.body, R"({"action":"ping"})");
  EXPECT_EQ(seen.header("Signature"), "sha256 abc");
  EXPECT_EQ(seen.header("Host"), (*server)->host() + ":" + std::to_string((*server)->port()));
}

TEST(BeastHttpClient, ATimeoutIsUnavailableAndNamesOnlyTheOrigin) {
  std::atomic<bool> release{false};
  auto server = mock_ats::TinyServer::start("127.0.0.1:0", [&release](const MockRequest&) {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return MockResponse{};
  });
  ASSERT_TRUE(server);
  BeastHttpClient client;
  HttpClientRequest request;
  request.url = (*server)->url() + "/v1/candidates?token=query-secret";
  request.timeout = std::chrono::milliseconds(200);
  const auto response = client.send(request);
  release = true;
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::unavailable);
  EXPECT_NE(response.error().message.find("did not answer"), std::string::npos) << response.error().message;
  EXPECT_EQ(response.error().message.find("query-secret"), std::string::npos) << response.error().message;
}

TEST(BeastHttpClient, RefusesRequestsThatCouldSmuggleHeaders) {
  BeastHttpClient client;
  HttpClientRequest request;
  request.url = "http://127.0.0.1:1/";
  request.headers = {{"X-Bad", "value\r\nX-Injected: 1"}};
  EXPECT_EQ(client.send(request).error().code, ErrorCode::invalid_argument);
  request.headers = {};
  request.method = "FETCH";
  EXPECT_EQ(client.send(request).error().code, ErrorCode::invalid_argument);
  request.method = "GET";
  request.url = "ftp://127.0.0.1/";
  EXPECT_EQ(client.send(request).error().code, ErrorCode::invalid_argument);
}

TEST(BeastHttpClient, TlsVerifiesTheCertificateAgainstTrustedAuthorities) {
  TlsServer server;
  HttpClientRequest request;
  request.url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";

  // A self-signed certificate is trusted by nobody by default.
  BeastHttpClient system_trust;
  const auto refused = system_trust.send(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
  EXPECT_NE(refused.error().message.find("TLS handshake"), std::string::npos) << refused.error().message;

  BeastHttpClientOptions options;
  options.extra_ca_pem = testing::k_test_certificate_pem;
  BeastHttpClient private_trust(options);
  for (const std::string host : {"127.0.0.1", "localhost"}) {
    request.url = "https://" + host + ":" + std::to_string(server.port()) + "/";
    const auto accepted = private_trust.send(request);
    ASSERT_TRUE(accepted) << host << ": " << accepted.error().message;
    EXPECT_EQ(accepted->status, 200);
    EXPECT_EQ(accepted->body, "secure");
  }

  options.extra_ca_pem = "not a certificate";
  BeastHttpClient broken(options);
  EXPECT_EQ(broken.send(request).error().code, ErrorCode::invalid_argument);
}

}  // namespace beast_http_client_test
}  // namespace snag
