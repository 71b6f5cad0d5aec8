#include <algorithm>
#include <exception>
#include <utility>  // before Asio: g++ 12 needs it for the coroutine support

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <snag/net/beast_http_client.hpp>
#include <snag/net/url.hpp>

namespace snag {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using BeastRequest = bhttp::request<bhttp::string_body>;
using ErrorCodeValue = boost::system::error_code;
using Deadline = std::chrono::steady_clock::time_point;

constexpr std::uint32_t k_header_limit = 64 * 1024;

// What one send needs inside its coroutine.
struct Exchange {
  Url url;
  const std::optional<OutboundTargetPolicy>& targets;
  BeastRequest request;
  std::size_t max_response_bytes = 0;
  std::chrono::milliseconds timeout{0};
  Deadline deadline;
};

Error transport_error(const Exchange& exchange, std::string_view step, const ErrorCodeValue& ec) {
  if (ec == beast::error::timeout || ec == asio::error::operation_aborted) {
    return Error{ErrorCode::unavailable,
                 exchange.url.origin() + " did not answer within " + std::to_string(exchange.timeout.count()) + " ms",
                 {},
                 {}};
  }
  if (ec == bhttp::error::body_limit) {
    return Error{ErrorCode::unavailable,
                 "the response of " + exchange.url.origin() + " is larger than " +
                     std::to_string(exchange.max_response_bytes) + " bytes",
                 {},
                 {}};
  }
  return Error{ErrorCode::unavailable,
               "cannot " + std::string(step) + " " + exchange.url.origin() + ": " + ec.message(),
               {},
               {}};
}

// A header that could end the head early or smuggle another one is refused before anything is
// sent. Only the header's name is reported: values are often credentials.
bool is_safe_header_text(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

Result<BeastRequest> beast_request(const HttpClientRequest& request, const Url& url, const std::string& user_agent) {
  const bhttp::verb verb = bhttp::string_to_verb(request.method);
  if (verb == bhttp::verb::unknown) return fail(ErrorCode::invalid_argument, "unknown HTTP method " + request.method);
  BeastRequest out{verb, url.target, 11};
  out.set(bhttp::field::host, url.host_header());
  out.set(bhttp::field::user_agent, user_agent);
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || !is_safe_header_text(name) || name.find(':') != std::string::npos ||
        !is_safe_header_text(value)) {
      return fail(ErrorCode::invalid_argument, "the request header '" + (is_safe_header_text(name) ? name : "?") +
                                                   "' contains characters a header may not hold");
    }
    out.set(name, value);
  }
  out.set(bhttp::field::connection, "close");
  if (!request.body.empty() || verb == bhttp::verb::post || verb == bhttp::verb::put || verb == bhttp::verb::patch) {
    out.body() = request.body;
    out.prepare_payload();
  }
  return out;
}

HttpClientResponse client_response(bhttp::response<bhttp::string_body>&& response) {
  HttpClientResponse out;
  out.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(response.body());
  return out;
}

// Every address a name resolves to must be allowed, not just the first: the connection may go
// to any of them.
std::optional<Error> refused_endpoint(const Exchange& exchange, const tcp::resolver::results_type& endpoints) {
  if (!exchange.targets) return std::nullopt;
  for (const auto& entry : endpoints) {
    const asio::ip::address address = entry.endpoint().address();
    const AddressScope scope =
        address.is_v4() ? address_scope(address.to_v4().to_bytes()) : address_scope(address.to_v6().to_bytes());
    if (!exchange.targets->permits(exchange.url.host, scope)) {
      return Error{ErrorCode::permission_denied,
                   exchange.url.origin() + " resolves to " + address.to_string() + ", " + std::string(describe(scope)) +
                       ", which outbound.allow_private_targets or outbound.allowed_hosts would have to allow",
                   {},
                   {}};
    }
  }
  return std::nullopt;
}

// Asio's resolver has no deadline of its own: a timer cancels it. Both live in shared state
// because the timer's handler may run after the coroutine has moved on.
asio::awaitable<Result<tcp::resolver::results_type>> resolve(Exchange& exchange) {
  auto executor = co_await asio::this_coro::executor;
  auto resolver = std::make_shared<tcp::resolver>(executor);
  auto timer = std::make_shared<asio::steady_timer>(executor, exchange.deadline);
  timer->async_wait([resolver](const ErrorCodeValue& ec) {
    if (!ec) resolver->cancel();
  });
  ErrorCodeValue ec;
  auto endpoints = co_await resolver->async_resolve(exchange.url.host, std::to_string(exchange.url.port),
                                                    asio::redirect_error(asio::use_awaitable, ec));
  timer->cancel();
  if (ec) co_return tl::unexpected(transport_error(exchange, "resolve", ec));
  if (auto refused = refused_endpoint(exchange, endpoints)) co_return tl::unexpected(std::move(*refused));
  co_return endpoints;
}

template <class Stream>
asio::awaitable<Result<HttpClientResponse>> write_and_read(Stream& stream, Exchange& exchange) {
  ErrorCodeValue ec;
  beast::get_lowest_layer(stream).expires_at(exchange.deadline);
  co_await bhttp::async_write(stream, exchange.request, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(transport_error(exchange, "send to", ec));
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(k_header_limit);
  parser.body_limit(exchange.max_response_bytes);
  if (exchange.request.method() == bhttp::verb::head) parser.skip(true);
  co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(transport_error(exchange, "read the response of", ec));
  co_return client_response(parser.release());
}

asio::awaitable<Result<HttpClientResponse>> exchange_plain(Exchange& exchange) {
  auto endpoints = co_await resolve(exchange);
  if (!endpoints) co_return tl::unexpected(endpoints.error());
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_at(exchange.deadline);
  ErrorCodeValue ec;
  co_await stream.async_connect(*endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(transport_error(exchange, "connect to", ec));
  auto response = co_await write_and_read(stream, exchange);
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);  // the response is complete: errors do not matter
  co_return response;
}

asio::awaitable<Result<HttpClientResponse>> exchange_tls(Exchange& exchange, asio::ssl::context& tls) {
  auto endpoints = co_await resolve(exchange);
  if (!endpoints) co_return tl::unexpected(endpoints.error());
  beast::ssl_stream<beast::tcp_stream> stream(co_await asio::this_coro::executor, tls);
  ErrorCodeValue ec;
  // SNI, for servers that host several names; RFC 6066 sends it for names only, not addresses.
  asio::ip::make_address(exchange.url.host, ec);
  if (ec && SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                     static_cast<void*>(exchange.url.host.data())) != 1) {
    co_return fail(ErrorCode::unavailable, "cannot set the TLS server name for " + exchange.url.origin());
  }
  stream.set_verify_mode(asio::ssl::verify_peer);
  stream.set_verify_callback(asio::ssl::host_name_verification(exchange.url.host));
  beast::get_lowest_layer(stream).expires_at(exchange.deadline);
  co_await beast::get_lowest_layer(stream).async_connect(*endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(transport_error(exchange, "connect to", ec));
  co_await stream.async_handshake(asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return tl::unexpected(transport_error(exchange, "complete the TLS handshake with", ec));
  // No TLS close_notify afterwards: the response was read to its end, by its framing, so a
  // truncation cannot go unnoticed, and many servers never answer a close_notify.
  co_return co_await write_and_read(stream, exchange);
}

}  // namespace

class BeastHttpClient::Impl {
 public:
  explicit Impl(BeastHttpClientOptions given) : options(std::move(given)) {
    tls.set_default_verify_paths();
    if (!options.extra_ca_pem.empty()) {
      boost::system::error_code ec;
      tls.add_certificate_authority(asio::buffer(options.extra_ca_pem), ec);
      extra_ca_failed = ec.failed();
    }
    tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                    asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  }

  const BeastHttpClientOptions options;
  asio::ssl::context tls{asio::ssl::context::tls_client};
  bool extra_ca_failed = false;  // reported by every https send: a constructor has no Result
};

BeastHttpClient::BeastHttpClient(BeastHttpClientOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}

BeastHttpClient::~BeastHttpClient() = default;

Result<HttpClientResponse> BeastHttpClient::send(const HttpClientRequest& request) {
  auto url = parse_url(request.url);
  if (!url) return tl::unexpected(url.error());
  if (url->https() && m_impl->extra_ca_failed) {
    return fail(ErrorCode::invalid_argument, "the extra CA certificates given to the HTTP client are not valid PEM");
  }
  auto beast_request_made = beast_request(request, *url, m_impl->options.user_agent);
  if (!beast_request_made) return tl::unexpected(beast_request_made.error());
  const auto timeout = std::max(request.timeout, std::chrono::milliseconds{1});
  Exchange exchange{std::move(*url),
                    m_impl->options.targets,
                    std::move(*beast_request_made),
                    m_impl->options.max_response_bytes,
                    timeout,
                    std::chrono::steady_clock::now() + timeout};

  asio::io_context context;
  Result<HttpClientResponse> result = fail(ErrorCode::internal, "the request did not complete");
  auto run = [&]() -> asio::awaitable<Result<HttpClientResponse>> {
    if (exchange.url.https()) co_return co_await exchange_tls(exchange, m_impl->tls);
    co_return co_await exchange_plain(exchange);
  };
  asio::co_spawn(context, run(), [&](std::exception_ptr failure, Result<HttpClientResponse> outcome) {
    if (failure) {
      // Allocation failure or a bug in Asio: the only exceptions left once every step uses error codes.
      try {
        std::rethrow_exception(failure);
      } catch (const std::exception& error) {
        result = fail(ErrorCode::internal, std::string("the HTTP client failed: ") + error.what());
      } catch (...) {
        result = fail(ErrorCode::internal, "the HTTP client failed");
      }
      return;
    }
    result = std::move(outcome);
  });
  context.run();
  return result;
}

}  // namespace snag
