// The listener and the per-connection coroutine.
//
// Threads: each of settings.io_threads runs an io_context of its own, and the acceptor deals
// the connections out in turn; a connection's coroutine and every handler of its socket run on
// its context's one thread. (One io_context run by several threads made each request cross
// between them: its reactor wakes another thread for every ready socket, and the two contend
// for the scheduler's lock.) A request's header and body are read, the route and bearer
// resolved, and then either the handler runs inline (reads), or on m_pool (writes, which block
// until the commit is durable) while the connection's coroutine is suspended, or, for a
// deferred route, inline up to its write: the coroutine is suspended until the writer hands
// back the Finish, which is posted to the connection's context.
//
// Shutdown: stop() or SIGTERM/SIGINT closes the acceptor, cancels the reads of idle
// connections, ends event streams, lets connections with a request in flight answer it (with
// Connection: close), and stops the io_contexts when none is left or settings.shutdown_grace
// has passed.
//
// Event streams (Execution::stream, GET /api/v1/events) and streamed bodies (a response's
// body_stream, the CSV export of tickets): after the head the connection's
// coroutine loops on its context: take what the EventStream has, write it, and when there is
// nothing, wait on the connection's `wake` timer. The producer (the event hub's thread) never
// touches the socket: its wake-up posts a cancel of that timer to the context. Because the
// coroutine looks for data and starts its wait within one handler, a wake-up posted in
// between finds the wait and cancels it: none is lost. The timer's deadline is the next
// keep-alive comment (a streamed body has none; its deadline is only a safety net). A second
// coroutine reads the socket only to notice the client leaving.

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>  // before Asio: g++ 12 needs it for the coroutine support (STACK.md)

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <snag/http/access_log.hpp>
#include <snag/http/api.hpp>
#include <snag/http/beast_request.hpp>
#include <snag/http/problem.hpp>
#include <snag/http/server.hpp>
#include <snag/http/server_stream.hpp>
#include <snag/util/crypto.hpp>
#include <snag/util/log.hpp>
#include <snag/util/thread_name.hpp>

namespace snag {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using http::BeastRequest;
using BeastResponse = bhttp::response<bhttp::string_body>;

constexpr auto k_write_timeout = std::chrono::seconds(30);
constexpr auto k_drain_time = std::chrono::milliseconds(500);
constexpr auto k_stop_poll = std::chrono::milliseconds(20);
// Idle event streams send a comment this often, so that proxies and clients keep them open and
// a vanished client is noticed.
constexpr auto k_keep_alive_interval = std::chrono::seconds(15);
// The reconnection delay an EventSource is told to use.
constexpr std::size_t k_max_request_id_length = 128;

std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

tcp::endpoint parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("listen address must be HOST:PORT: " + listen);
  auto host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned long port = 0;
  try {
    std::size_t used = 0;
    port = std::stoul(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1 || port > 65535) throw std::invalid_argument("port");
  } catch (const std::exception&) {
    throw std::runtime_error("listen address has a bad port: " + listen);
  }
  if (host.empty() || host == "*") host = "0.0.0.0";
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::runtime_error("listen address is not an IP address: " + listen);
  return {address, static_cast<unsigned short>(port)};
}

// Errors of the HTTP parser (as opposed to the socket's), which deserve a problem response.
bool is_parse_error(const boost::system::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::need_more).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// Completion of a connection's coroutine. Requests are answered even when a handler throws
// (Api catches); what reaches here broke the connection itself.
void log_connection_failure(const std::exception_ptr& failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    log_event(spdlog::level::err, "connection failed", {{"error", e.what()}});
  } catch (...) {
    log_event(spdlog::level::err, "connection failed");
  }
}

// Client-chosen ids are echoed only when they cannot break a log line or a header.
bool is_sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > k_max_request_id_length) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

// Appends a field value, dropping CR and LF so that no value can end the head early.
void append_field_value(std::string& out, std::string_view value) {
  for (const char c : value) {
    if (c != '\r' && c != '\n') out += c;
  }
}

// How the end of a body is known: its length, the last chunk, or the connection closing.
enum class Framing { length, chunked, close };

// Sent with every response whose handler did not set its own: the API answers with data (JSON,
// CSV, PDF, event streams), never a page to render, frame or leave a referrer from.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_security_headers{{
    {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
}};

// Sent with every response over HTTPS (RFC 6797): browsers then refuse plain HTTP to this host for
// a year, so a later link or typed address cannot be downgraded. Never over plain HTTP, where the
// RFC forbids it (§7.2) and a proxy in front may be the one that speaks TLS.
constexpr std::string_view k_strict_transport_security = "max-age=31536000";

bool sets_header(const std::vector<std::pair<std::string_view, std::string>>& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(), [name](const auto& header) {
    return beast::iequals(beast::string_view(header.first.data(), header.first.size()),
                          beast::string_view(name.data(), name.size()));
  });
}

// The status line and fields of a response, as Beast would serialize them after
// prepare_payload() and keep_alive(keep_alive), into `out` (cleared first). `body_size` counts
// only with Framing::length; `https` says whether it goes out over TLS.
void serialize_head(std::string& out, unsigned status, std::string_view content_type,
                    const std::vector<std::pair<std::string_view, std::string>>& headers, std::string_view request_id,
                    bool https, unsigned version, bool keep_alive, std::size_t body_size,
                    Framing framing = Framing::length) {
  out.clear();
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
  out.append(reason.data(), reason.size());
  out += "\r\nContent-Type: ";
  append_field_value(out, content_type);
  for (const auto& [name, value] : headers) {
    out += "\r\n";
    out += name;
    out += ": ";
    append_field_value(out, value);
  }
  for (const auto& [name, value] : k_security_headers) {
    if (sets_header(headers, name)) continue;
    out += "\r\n";
    out += name;
    out += ": ";
    out += value;
  }
  if (https) {
    out += "\r\nStrict-Transport-Security: ";
    out += k_strict_transport_security;
  }
  out += "\r\nX-Request-Id: ";
  append_field_value(out, request_id);
  // No body, and so no Content-Length, for 1xx, 204 and 304 (RFC 9110 §8.6).
  if (framing == Framing::chunked) {
    out += "\r\nTransfer-Encoding: chunked";
  } else if (framing == Framing::length && !(status / 100 == 1 || status == 204 || status == 304)) {
    out += "\r\nContent-Length: ";
    out += std::to_string(body_size);
  }
  if (version >= 11 && !keep_alive) out += "\r\nConnection: close";
  if (version < 11 && keep_alive) out += "\r\nConnection: keep-alive";
  out += "\r\n\r\n";
}

// Appends `text` to `out` as one chunk of the chunked transfer coding (RFC 9112 §7.1), or
// as it is when the body is delimited by closing the connection.
void append_body_part(std::string& out, std::string_view text, Framing framing) {
  if (text.empty()) return;  // an empty chunk would end the body
  if (framing == Framing::chunked) {
    char size[20];
    const int length = std::snprintf(size, sizeof size, "%zx\r\n", text.size());
    out.append(size, static_cast<std::size_t>(length));
  }
  out.append(text.data(), text.size());
  if (framing == Framing::chunked) out += "\r\n";
}

// Runs `function` on `pool` and resumes the awaiting coroutine on its own executor, so that
// I/O threads never block on it.
template <class Function>
asio::awaitable<http::HttpResponse> run_blocking(asio::thread_pool& pool, Function function) {
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(http::HttpResponse)>(
      [&pool, function = std::move(function)](auto handler) mutable {
        // A tracked executor keeps io_context::run from returning while the work is on the pool.
        auto home = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
        asio::post(pool, [handler = std::move(handler), function = std::move(function),
                          home = std::move(home)]() mutable {
          auto response = function();
          asio::dispatch(home, [handler = std::move(handler), response = std::move(response)]() mutable {
            std::move(handler)(std::move(response));
          });
        });
      },
      asio::use_awaitable);
}

// Starts a deferred handler through `start` and resumes the awaiting coroutine with the
// response its Finish makes, run on the coroutine's own executor (the Reply may come from the
// writer's thread, which must not encode it; or at once, from inside `start`: posting rather
// than dispatching keeps that from completing the operation inside its own initiation).
template <class Start>
asio::awaitable<http::HttpResponse> run_deferred(Start start) {
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(http::HttpResponse)>(
      [start = std::move(start)](auto handler) mutable {
        auto home = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
        // The Reply is a copyable std::function; the handler is move-only.
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        start([shared, home = std::move(home)](http::Finish finish) {
          asio::post(home, [shared, finish = std::move(finish)] { std::move(*shared)(finish()); });
        });
      },
      asio::use_awaitable);
}

// The TLS settings of an HTTPS server: TLS 1.2 and later, with the certificate chain and key in
// PEM files; none without a certificate. Throws std::runtime_error naming the file that cannot
// be used (never its content).
std::optional<asio::ssl::context> tls_context(const ServerSettings& settings) {
  if (settings.tls_cert.empty()) return std::nullopt;
  asio::ssl::context tls(asio::ssl::context::tls_server);
  tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                  asio::ssl::context::single_dh_use);
  boost::system::error_code ec;
  tls.use_certificate_chain_file(settings.tls_cert, ec);
  if (ec) throw std::runtime_error("cannot use the TLS certificate " + settings.tls_cert + ": " + ec.message());
  tls.use_private_key_file(settings.tls_key, asio::ssl::context::pem, ec);
  if (ec) throw std::runtime_error("cannot use the TLS key " + settings.tls_key + ": " + ec.message());
  return tls;
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(const ServerSettings& settings, HttpServices services)
      : m_settings(settings),
        m_log(settings.log_level),
        m_api(services),
        m_tls(tls_context(settings)),
        m_ios(make_io_contexts(settings.io_threads)),
        m_pool(static_cast<std::size_t>(std::max(1, settings.worker_threads))),
        m_acceptor(main_io()),
        m_signals(main_io(), SIGINT, SIGTERM),
        m_id_prefix(random_token(6)) {
    const auto endpoint = parse_listen(settings.listen);
    boost::system::error_code ec;
    m_acceptor.open(endpoint.protocol(), ec);
    if (!ec) m_acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) m_acceptor.bind(endpoint, ec);
    if (!ec) m_acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + settings.listen + ": " + ec.message());
    m_port = m_acceptor.local_endpoint().port();
  }

  ~Impl() {
    stop_io_contexts();
    m_pool.join();
  }

  unsigned short port() const { return m_port; }

  void run() {
    m_signals.async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) stop();
    });
    asio::co_spawn(m_acceptor.get_executor(), accept_loop(), asio::detached);
    // Without work of their own (no connection yet), the other contexts' run() would return.
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < m_ios.size(); ++i) {
      keep_running.push_back(asio::make_work_guard(*m_ios[i]));
      threads.emplace_back([this, i] {
        name_this_thread("snag-io");
        m_ios[i]->run();
      });
    }
    main_io().run();  // the main thread keeps the process's name
    for (auto& thread : threads) thread.join();
    // A blocking write still running after the grace period finishes here, so its commit is
    // not cut off; its connection is dropped with the io_context.
    m_pool.join();
    m_log.flush();
    log_event(spdlog::level::info, "http server stopped");
  }

  void stop() {
    if (m_stopping.exchange(true)) return;
    asio::co_spawn(main_io(), shutdown(), asio::detached);
  }

 private:
  // Shared between the connection's coroutine and a shutdown that may reach it just as it ends.
  // Touched only on the connection's context, which one thread runs.
  struct Connection {
    Connection(tcp::socket socket, std::string peer_address, asio::ssl::context* tls)
        : stream(std::move(socket), tls), address(std::move(peer_address)) {}
    http::ServerStream stream;
    std::string address;  // the client's IP address, for the access log and login throttling
    bool busy = false;  // a request has been read and is not answered yet
    // Set once the connection carries an event stream: cancelled to make its coroutine look
    // for news, the client's departure or the server stopping.
    std::optional<asio::steady_timer> wake;
    bool peer_gone = false;  // the client closed or reset the connection (event streams only)
  };

  // Lists a connection for the lifetime of its coroutine, so that shutdown can wait for it.
  class Registration {
   public:
    Registration(Impl& impl, const std::shared_ptr<Connection>& connection) : m_impl(impl) {
      std::lock_guard lock(m_impl.m_connections_mutex);
      m_it = m_impl.m_connections.insert(m_impl.m_connections.end(), connection);
    }
    ~Registration() {
      std::lock_guard lock(m_impl.m_connections_mutex);
      m_impl.m_connections.erase(m_it);
    }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

   private:
    Impl& m_impl;
    std::list<std::weak_ptr<Connection>>::iterator m_it;
  };

  // Counts a connection against its address's limit from the moment it is accepted (in the
  // order of arrival, on the acceptor's thread) until its coroutine ends.
  class AddressSlot {
   public:
    AddressSlot(Impl& impl, std::string address) : m_impl(&impl), m_address(std::move(address)) {
      std::lock_guard lock(m_impl->m_connections_mutex);
      const int open = ++m_impl->m_connections_per_address[m_address];
      m_admitted = open <= m_impl->m_settings.max_connections_per_address;
    }
    AddressSlot(AddressSlot&& other) noexcept
        : m_impl(std::exchange(other.m_impl, nullptr)),
          m_address(std::move(other.m_address)),
          m_admitted(other.m_admitted) {}
    AddressSlot& operator=(AddressSlot&&) = delete;
    ~AddressSlot() {
      if (m_impl == nullptr) return;
      std::lock_guard lock(m_impl->m_connections_mutex);
      const auto counted = m_impl->m_connections_per_address.find(m_address);
      if (--counted->second == 0) m_impl->m_connections_per_address.erase(counted);
    }

    // False when the address already held its most connections.
    bool admitted() const { return m_admitted; }
    const std::string& address() const { return m_address; }

   private:
    Impl* m_impl;  // null once moved from
    std::string m_address;
    bool m_admitted = false;
  };

  asio::awaitable<void> accept_loop() {
    while (!m_stopping) {
      boost::system::error_code ec;
      auto& io = *m_ios[m_next_io++ % m_ios.size()];
      auto socket = co_await m_acceptor.async_accept(io,
                                                     asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec == asio::error::operation_aborted || !m_acceptor.is_open()) co_return;
        continue;  // e.g. too many open files: keep serving the connections we have
      }
      socket.set_option(tcp::no_delay(true), ec);
      const auto peer = socket.remote_endpoint(ec);
      AddressSlot slot(*this, ec ? std::string() : peer.address().to_string());
      const auto executor = socket.get_executor();
      asio::co_spawn(executor, session(std::move(socket), std::move(slot)), log_connection_failure);
    }
  }

  asio::awaitable<void> session(tcp::socket socket, AddressSlot slot) {
    const auto connection = std::make_shared<Connection>(std::move(socket), slot.address(), m_tls ? &*m_tls : nullptr);
    Registration registration(*this, connection);
    auto& stream = connection->stream;
    beast::flat_buffer buffer;
    if (stream.tls()) {
      // A client that cannot complete a handshake (plain HTTP on the HTTPS port, an untrusted
      // certificate) just loses the connection: there is no channel to answer it on.
      boost::system::error_code ec;
      stream.expires_after(m_settings.request_timeout);
      co_await stream.async_handshake(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
    }
    if (!slot.admitted()) {
      co_await refuse(stream, buffer, http::problem_response(503, "Too many connections from this address."));
      co_return;
    }
    std::string head;  // the response's status line and fields; reused for every response
    while (!m_stopping) {
      connection->busy = false;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(m_settings.max_body_bytes);
      parser.header_limit(http::k_header_limit);
      boost::system::error_code ec;
      stream.expires_after(m_settings.request_timeout);
      co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (is_parse_error(ec)) co_await reject(stream, buffer, ec);
        break;
      }
      connection->busy = true;
      const auto started = std::chrono::steady_clock::now();
      if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
        BeastResponse proceed{bhttp::status::continue_, 11};
        co_await bhttp::async_write(stream, proceed, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
      }
      if (!parser.is_done()) {
        co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
          if (is_parse_error(ec)) co_await reject(stream, buffer, ec);
          break;
        }
      }
      auto& request = parser.get();
      std::shared_ptr<http::EventStream> events;
      auto response = co_await respond(request, connection->address, started, events);
      if (events) {
        co_await stream_events(connection, *events, response, request.version());
        break;
      }
      const bool keep_alive = request.keep_alive() && !m_stopping;
      serialize_head(head, response.status, response.content_type, response.headers, response.request_id, stream.tls(),
                     request.version(), keep_alive, response.body.size());
      stream.expires_after(k_write_timeout);
      // Head and body in one gather write: one sendmsg for the whole response.
      const std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(response.body)};
      co_await asio::async_write(stream, buffers, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !keep_alive) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  // Answers a request that could not be read (too large, malformed).
  asio::awaitable<void> reject(http::ServerStream& stream, beast::flat_buffer& buffer, boost::system::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      co_await refuse(stream, buffer,
                      http::problem_response(413, "The request body is larger than the server accepts."));
    } else if (ec == bhttp::error::header_limit) {
      co_await refuse(stream, buffer, http::problem_response(431, "The request header is larger than 16 KiB."));
    } else {
      co_await refuse(stream, buffer, http::problem_response(400, "The request is not valid HTTP/1.1."));
    }
  }

  // Sends `problem` without reading the request, closes the connection, and lets the client read
  // the answer first.
  asio::awaitable<void> refuse(http::ServerStream& stream, beast::flat_buffer& buffer, http::HttpResponse problem) {
    boost::system::error_code ec;
    const auto request_id = next_request_id();
    std::string head;
    serialize_head(head, problem.status, problem.content_type, problem.headers, request_id, stream.tls(), 11, false,
                   problem.body.size());
    m_log.request(request_id, "-", "-", problem.status, 0.0);
    m_api.metrics().record(m_api.router().routes().size(), problem.status, std::chrono::nanoseconds{0});
    stream.expires_after(k_write_timeout);
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(problem.body)};
    co_await asio::async_write(stream, buffers, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    // Closing with unread input would reset the connection and could destroy the response.
    stream.expires_after(k_drain_time);
    buffer.clear();
    while (!ec) {
      co_await stream.async_read_some(buffer.prepare(64 * 1024), asio::redirect_error(asio::use_awaitable, ec));
      buffer.clear();
    }
  }

  struct Outgoing : http::HttpResponse {
    std::string request_id;
  };

  // The response to a request; for a stream route that opened its stream, the stream's head,
  // with the stream in `events`.
  asio::awaitable<Outgoing> respond(BeastRequest& beast_request, std::string_view address,
                                    std::chrono::steady_clock::time_point started,
                                    std::shared_ptr<http::EventStream>& events) {
    http::HttpRequest request = http::view_request(beast_request, address);
    const auto client_id = view(beast_request["X-Request-Id"]);
    request.request_id = is_sane_request_id(client_id) ? std::string(client_id) : next_request_id();

    auto prepared = m_api.prepare(request);
    Outgoing response;
    if (prepared.response) {
      static_cast<http::HttpResponse&>(response) = std::move(*prepared.response);
    } else if (prepared.route->execution == http::Execution::stream) {
      // Subscribing does not block; the stream's request is logged and counted at its head.
      auto start = m_api.open_stream(*prepared.route, request);
      static_cast<http::HttpResponse&>(response) = std::move(start.response);
      events = std::move(start.stream);
    } else if (prepared.route->execution == http::Execution::deferred) {
      const auto* route = prepared.route;
      static_cast<http::HttpResponse&>(response) = co_await run_deferred(
          [this, route, &request](http::Reply reply) { m_api.invoke_deferred(*route, request, reply); });
    } else if (prepared.route->execution == http::Execution::blocking) {
      const auto* route = prepared.route;
      static_cast<http::HttpResponse&>(response) =
          co_await run_blocking(m_pool, [this, route, &request] { return m_api.invoke(*route, request); });
    } else {
      static_cast<http::HttpResponse&>(response) = m_api.invoke(*prepared.route, request);
    }

    if (response.body_stream) events = std::move(response.body_stream);
    m_api.allow_cross_origin(request, response);

    const auto elapsed = std::chrono::steady_clock::now() - started;
    m_api.metrics().record(prepared.route_index, response.status, elapsed);
    m_log.request(request.request_id, request.method_text, request.path, response.status,
                  std::chrono::duration<double, std::milli>(elapsed).count());
    response.request_id = std::move(request.request_id);
    co_return response;
  }

  // Writes an event stream until it ends, the client leaves, a write fails or times out, or
  // the server stops.
  //
  // Framing: chunked transfer coding on HTTP/1.1. A body delimited by closing the connection
  // would be legal too, but then neither the client nor a proxy on the way can tell a stream
  // the server ended (the last chunk: on shutdown, say) from a connection that broke, and some
  // proxies treat such bodies as suspect. HTTP/1.0 has no chunks, so there the body ends with
  // the connection. Either way nothing follows a stream on its connection: the head says
  // Connection: close (on HTTP/1.1) and the connection closes after the stream.
  //
  // The request was counted and logged at the head (its duration is the time to the head);
  // the open-streams gauge covers the rest.
  asio::awaitable<void> stream_events(std::shared_ptr<Connection> connection, http::EventStream& events,
                                      const Outgoing& response, unsigned version) {
    auto& stream = connection->stream;
    const auto framing = version >= 11 ? Framing::chunked : Framing::close;
    m_api.metrics().stream_opened();
    connection->wake.emplace(stream.get_executor());
    asio::co_spawn(stream.get_executor(), watch_peer(connection), asio::detached);
    events.start([executor = stream.get_executor(), weak = std::weak_ptr<Connection>(connection)] {
      asio::post(executor, [weak] {
        if (auto alive = weak.lock()) alive->wake->cancel();
      });
    });

    std::string wire;
    serialize_head(wire, response.status, response.content_type, response.headers, response.request_id, stream.tls(),
                   version, false, 0, framing);
    std::string text;
    boost::system::error_code ec;      // of the writes
    boost::system::error_code waited;  // of the waits, cancelled by wake-ups
    bool open = true;
    auto next_keep_alive = std::chrono::steady_clock::now();  // the head goes out first
    while (open && !m_stopping && !connection->peer_gone) {
      text.clear();
      open = events.read(text);
      if (text.empty() && wire.empty()) {
        if (!open) break;
        const auto keep_alive = events.keep_alive();
        if (keep_alive.empty() || std::chrono::steady_clock::now() < next_keep_alive) {
          connection->wake->expires_at(keep_alive.empty() ? std::chrono::steady_clock::now() + k_keep_alive_interval
                                                          : next_keep_alive);
          co_await connection->wake->async_wait(asio::redirect_error(asio::use_awaitable, waited));
          continue;  // a deadline or a wake-up: look again
        }
        text = keep_alive;
      }
      append_body_part(wire, text, framing);
      stream.expires_after(k_write_timeout);
      co_await asio::async_write(stream, asio::buffer(wire), asio::redirect_error(asio::use_awaitable, ec));
      wire.clear();
      if (ec) break;
      next_keep_alive = std::chrono::steady_clock::now() + k_keep_alive_interval;
    }
    events.close();  // no wake-up after this
    if (!ec && !connection->peer_gone && !events.failed()) {
      if (framing == Framing::chunked) {
        stream.expires_after(k_write_timeout);
        co_await asio::async_write(stream, asio::buffer(std::string_view("0\r\n\r\n")),
                                   asio::redirect_error(asio::use_awaitable, ec));
      }
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      // Let the client read the end and close first; closing on it at once could reset the
      // connection under the last bytes.
      if (!connection->peer_gone) {
        connection->wake->expires_after(k_drain_time);
        co_await connection->wake->async_wait(asio::redirect_error(asio::use_awaitable, waited));
      }
    }
    stream.socket().close(waited);  // ends watch_peer
    m_api.metrics().stream_closed();
  }

  // Reads (and drops) whatever the client of an event stream sends, to notice when it leaves:
  // an event stream's client sends nothing, so the read ends only with the connection. On HTTPS
  // too it reads the socket, under TLS: what it drops could only be the client's close_notify,
  // and the TCP stream's timeouts, which govern the writes, must not end this wait.
  static asio::awaitable<void> watch_peer(std::shared_ptr<Connection> connection) {
    std::array<char, 256> scratch;
    boost::system::error_code ec;
    while (!ec) {
      co_await connection->stream.socket().async_read_some(asio::buffer(scratch),
                                                           asio::redirect_error(asio::use_awaitable, ec));
    }
    connection->peer_gone = true;
    connection->wake->cancel();
  }

  std::string next_request_id() {
    return m_id_prefix + "-" + std::to_string(m_request_counter.fetch_add(1, std::memory_order_relaxed));
  }

  asio::awaitable<void> shutdown() {
    log_event(spdlog::level::info, "stopping: finishing requests in flight");
    asio::post(m_acceptor.get_executor(), [this] {
      boost::system::error_code ignored;
      m_acceptor.close(ignored);
    });
    m_signals.cancel();
    {
      std::lock_guard lock(m_connections_mutex);
      for (const auto& weak : m_connections) {
        if (auto connection = weak.lock()) {
          auto executor = connection->stream.get_executor();
          asio::post(executor, [connection = std::move(connection)] {
            if (connection->wake) {
              connection->wake->cancel();  // an event stream: it sees m_stopping and ends
            } else if (!connection->busy) {
              connection->stream.cancel();
            }
          });
        }
      }
    }
    const auto deadline = std::chrono::steady_clock::now() + m_settings.shutdown_grace;
    asio::steady_timer timer(main_io());
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(m_connections_mutex);
        if (m_connections.empty()) break;
      }
      timer.expires_after(k_stop_poll);
      co_await timer.async_wait(asio::use_awaitable);
    }
    stop_io_contexts();
  }

  // Concurrency hint 1: each context is run by one thread (other threads still post to it).
  static std::vector<std::unique_ptr<asio::io_context>> make_io_contexts(int count) {
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (int i = 0; i < std::max(1, count); ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
    return contexts;
  }

  // The main thread's context: the acceptor, signals and shutdown live on it.
  asio::io_context& main_io() { return *m_ios.front(); }

  void stop_io_contexts() {
    for (auto& io : m_ios) io->stop();
  }

  ServerSettings m_settings;
  http::AccessLog m_log;
  http::Api m_api;
  std::optional<asio::ssl::context> m_tls;  // with a certificate: every connection speaks HTTPS
  // Before m_ios: connections unregister while the io_contexts destroy their coroutines.
  std::mutex m_connections_mutex;
  std::list<std::weak_ptr<Connection>> m_connections;
  std::unordered_map<std::string, int> m_connections_per_address;  // guarded by m_connections_mutex
  std::vector<std::unique_ptr<asio::io_context>> m_ios;
  std::size_t m_next_io = 0;  // the context the next connection goes to; used by the acceptor only
  // After m_ios, so that it is joined first: its tasks post completions to them.
  asio::thread_pool m_pool;
  tcp::acceptor m_acceptor;
  asio::signal_set m_signals;
  std::string m_id_prefix;
  std::atomic<std::uint64_t> m_request_counter{1};
  std::atomic<bool> m_stopping{false};
  unsigned short m_port = 0;
};

HttpServer::HttpServer(const ServerSettings& settings, HttpServices services)
    : m_impl(std::make_unique<Impl>(settings, services)) {}

HttpServer::~HttpServer() = default;

unsigned short HttpServer::port() const { return m_impl->port(); }

void HttpServer::run() { m_impl->run(); }

void HttpServer::stop() { m_impl->stop(); }

}  // namespace snag
