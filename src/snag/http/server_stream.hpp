#pragma once
// A server connection's byte stream: plain TCP, or TLS over it when `snag serve` has a
// certificate. One type for both, so that the connection's coroutine (server.cpp) is written
// once: reads and writes go through TLS or straight to TCP, decided per connection at run time.
// Timeouts, cancellation and shutdown always act on the TCP stream underneath.

#include <cstddef>
#include <utility>  // before Asio: g++ 12 needs it for the coroutine support (STACK.md)
#include <variant>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

namespace snag::http {

class ServerStream {
 public:
  using Tcp = boost::beast::tcp_stream;
  using Tls = boost::beast::ssl_stream<Tcp>;
  using executor_type = Tcp::executor_type;

  // HTTPS with `tls` (the handshake comes first: async_handshake), plain HTTP without.
  ServerStream(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls)
      : m_stream(tls ? std::variant<Tcp, Tls>(std::in_place_type<Tls>, std::move(socket), *tls)
                     : std::variant<Tcp, Tls>(std::in_place_type<Tcp>, std::move(socket))) {}

  bool tls() const { return std::holds_alternative<Tls>(m_stream); }

  executor_type get_executor() { return tcp().get_executor(); }
  Tcp& tcp() {
    return std::visit([](auto& stream) -> Tcp& { return boost::beast::get_lowest_layer(stream); }, m_stream);
  }
  boost::asio::ip::tcp::socket& socket() { return tcp().socket(); }
  template <class Duration>
  void expires_after(Duration duration) {
    tcp().expires_after(duration);
  }
  void cancel() { tcp().cancel(); }

  // The server's side of the TLS handshake; completes at once on a plain connection.
  template <class Token>
  auto async_handshake(Token&& token) {
    return boost::asio::async_initiate<Token, void(boost::system::error_code)>(
        [this](auto handler) {
          if (auto* secure = std::get_if<Tls>(&m_stream)) {
            secure->async_handshake(boost::asio::ssl::stream_base::server, std::move(handler));
          } else {
            boost::asio::post(get_executor(), [handler = std::move(handler)]() mutable {
              std::move(handler)(boost::system::error_code{});
            });
          }
        },
        token);
  }

  // AsyncReadStream and AsyncWriteStream, as Beast's HTTP reads and writes require.
  template <class MutableBuffers, class Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
        [this](auto handler, const MutableBuffers& into) {
          std::visit([&](auto& stream) { stream.async_read_some(into, std::move(handler)); }, m_stream);
        },
        token, buffers);
  }
  template <class ConstBuffers, class Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
        [this](auto handler, const ConstBuffers& from) {
          std::visit([&](auto& stream) { stream.async_write_some(from, std::move(handler)); }, m_stream);
        },
        token, buffers);
  }

 private:
  std::variant<Tcp, Tls> m_stream;
};

}  // namespace snag::http
