#include <charconv>
#include <exception>
#include <thread>
#include <utility>  // before Asio: g++ 12 needs it for the coroutine support

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <snag/cli/mock_ats/tiny_server.hpp>

namespace snag::mock_ats {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

constexpr auto k_idle_timeout = std::chrono::seconds(30);
constexpr std::uint64_t k_body_limit = 4 * 1024 * 1024;

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

Result<tcp::endpoint> parse_listen(std::string_view listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string_view::npos) return fail(ErrorCode::invalid_argument, "--listen must be HOST:PORT");
  std::string host(listen.substr(0, colon));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  const std::string_view port_text = listen.substr(colon + 1);
  unsigned port = 0;
  const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || error != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) {
    return fail(ErrorCode::invalid_argument, "--listen has a bad port: " + std::string(listen));
  }
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return fail(ErrorCode::invalid_argument, "--listen needs an IP address or localhost: " + std::string(listen));
  return tcp::endpoint{address, static_cast<unsigned short>(port)};
}

MockResponse call_handler(const MockHandler& handler, const MockRequest& request) {
  try {
    return handler(request);
  } catch (const std::exception& error) {  // the boundary of one request
    return MockResponse{500, {{"Content-Type", "text/plain"}}, std::string("handler failed: ") + error.what()};
  }
}

asio::awaitable<void> serve(tcp::socket socket, const MockHandler& handler) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  for (;;) {
    stream.expires_after(k_idle_timeout);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(k_body_limit);
    co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    auto beast_request = parser.release();
    MockRequest request;
    request.method = std::string(beast_request.method_string());
    request.target = std::string(beast_request.target());
    for (const auto& field : beast_request) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(beast_request.body());

    const MockResponse answer = call_handler(handler, request);
    bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(answer.status), beast_request.version()};
    for (const auto& [name, value] : answer.headers) response.insert(name, value);
    response.body() = answer.body;
    response.keep_alive(beast_request.keep_alive());
    response.prepare_payload();
    co_await bhttp::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !response.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace

std::optional<std::string> MockRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return std::nullopt;
}

class TinyServer::Impl {
 public:
  explicit Impl(MockHandler given) : handler(std::move(given)) {}

  asio::awaitable<void> accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (ec) continue;  // the peer gave up before we took it, or too many open files: keep serving
      asio::co_spawn(context, serve(std::move(socket), handler), asio::detached);
    }
  }

  MockHandler handler;
  asio::io_context context{1};
  tcp::acceptor acceptor{context};
  tcp::endpoint bound;
  std::thread thread;
  bool stopped = false;
};

Result<std::unique_ptr<TinyServer>> TinyServer::start(std::string_view listen, MockHandler handler) {
  auto endpoint = parse_listen(listen);
  if (!endpoint) return tl::unexpected(endpoint.error());
  auto impl = std::make_unique<Impl>(std::move(handler));
  boost::system::error_code ec;
  impl->acceptor.open(endpoint->protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(*endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) impl->bound = impl->acceptor.local_endpoint(ec);
  if (ec) return fail(ErrorCode::unavailable, "cannot listen on " + std::string(listen) + ": " + ec.message());
  asio::co_spawn(impl->context, impl->accept_loop(), asio::detached);
  Impl* running = impl.get();
  impl->thread = std::thread([running] { running->context.run(); });
  return std::unique_ptr<TinyServer>(new TinyServer(std::move(impl)));
}

TinyServer::TinyServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

TinyServer::~TinyServer() { stop(); }

std::string TinyServer::host() const {
  const auto address = m_impl->bound.address();
  return address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
}

std::uint16_t TinyServer::port() const { return m_impl->bound.port(); }

void TinyServer::stop() {
  if (m_impl->stopped) return;
  m_impl->stopped = true;
  asio::post(m_impl->context, [impl = m_impl.get()] {
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
    impl->context.stop();
  });
  if (m_impl->thread.joinable()) m_impl->thread.join();
}

}  // namespace snag::mock_ats
