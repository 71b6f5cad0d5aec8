#include <snag/http/access_log.hpp>

#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>

#include <fmt/format.h>
#include <spdlog/common.h>

#include <snag/app/ports/clock.hpp>
#include <snag/http/codec/json_writer.hpp>
#include <snag/util/thread_name.hpp>

namespace snag::http {
namespace {

// Lines wait at most this long for company before the writer sends them.
constexpr auto k_batch_window = std::chrono::milliseconds(20);
// The writer goes early once this much is waiting.
constexpr std::size_t k_eager_bytes = 64 * 1024;
// Producers wait (rather than drop lines) once this much is waiting: a lost access line is
// worse than a slower request.
constexpr std::size_t k_max_buffer_bytes = 8 * 1024 * 1024;
constexpr std::size_t k_atomic_write = PIPE_BUF;

}  // namespace

AccessLog::AccessLog(std::string_view level, int fd) : m_fd(fd) {
  m_enabled = spdlog::level::from_str(std::string(level)) <= spdlog::level::info;
  m_buffer.reserve(k_eager_bytes * 2);
  m_thread = std::thread([this] { run(); });
}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_one();
  m_thread.join();
}

void AccessLog::request(std::string_view request_id, std::string_view method, std::string_view path, unsigned status,
                        double duration_ms) {
  if (!m_enabled) return;
  thread_local std::string line;
  line.clear();
  line += "{\"ts\":\"";
  append_rfc3339(line, SystemClock{}.now());
  line += "\",\"level\":\"info\",\"msg\":\"request\",\"request_id\":\"";
  append_json_escaped(line, request_id);
  line += "\",\"method\":\"";
  append_json_escaped(line, method);
  line += "\",\"path\":\"";
  append_json_escaped(line, path);
  fmt::format_to(std::back_inserter(line), "\",\"status\":{},\"duration_ms\":{:.3f}}}\n", status, duration_ms);
  append(line);
}

void AccessLog::append(std::string_view line) {
  std::unique_lock lock(m_mutex);
  m_drained.wait(lock, [this] { return m_buffer.size() < k_max_buffer_bytes; });
  const bool was_empty = m_buffer.empty();
  m_buffer.append(line);
  m_appended += line.size();
  const bool crossed = m_buffer.size() >= k_eager_bytes && m_buffer.size() - line.size() < k_eager_bytes;
  lock.unlock();
  // The writer sleeps until the first line of a batch, then collects for k_batch_window; so
  // one notification per batch (or when the buffer grows large), not per line.
  if (was_empty || crossed) m_wake.notify_one();
}

void AccessLog::flush() {
  std::unique_lock lock(m_mutex);
  const auto target = m_appended;
  if (m_written >= target) return;
  m_flush_requested = true;
  lock.unlock();
  m_wake.notify_one();
  lock.lock();
  m_drained.wait(lock, [this, target] { return m_written >= target; });
}

void AccessLog::run() {
  name_this_thread("snag-request-log");
  std::string batch;
  batch.reserve(k_eager_bytes * 2);
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [this] { return m_stop || !m_buffer.empty(); });
    if (m_buffer.empty()) break;  // stopping with nothing left
    m_wake.wait_for(lock, k_batch_window,
                    [this] { return m_stop || m_flush_requested || m_buffer.size() >= k_eager_bytes; });
    m_flush_requested = false;
    batch.swap(m_buffer);
    lock.unlock();
    m_drained.notify_all();  // producers waiting for room
    write_lines(batch);
    const auto written = batch.size();
    batch.clear();
    lock.lock();
    m_written += written;
    m_drained.notify_all();  // flush()
  }
}

void AccessLog::write_lines(std::string_view text) {
  while (!text.empty()) {
    // Whole lines, at most PIPE_BUF bytes when they fit, so that each write is atomic on a pipe.
    std::size_t size = text.size();
    if (size > k_atomic_write) {
      const auto cut = text.rfind('\n', k_atomic_write - 1);
      const auto end = cut != std::string_view::npos ? cut : text.find('\n');
      size = end == std::string_view::npos ? text.size() : end + 1;
    }
    auto chunk = text.substr(0, size);
    text.remove_prefix(size);
    while (!chunk.empty()) {
      const auto n = ::write(m_fd, chunk.data(), chunk.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return;  // stderr is gone; nothing sensible to do with the lines
      }
      chunk.remove_prefix(static_cast<std::size_t>(n));
    }
  }
}

void append_json_escaped(std::string& out, std::string_view text) {
  constexpr char k_hex[] = "0123456789abcdef";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte >= 0x7f) {
      out += "\\u00";
      out += k_hex[byte >> 4];
      out += k_hex[byte & 0xf];
    } else {
      out += c;
    }
  }
}

}  // namespace snag::http
