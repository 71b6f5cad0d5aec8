#include <snag/http/access_log.hpp>

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <snag/app/ports/clock.hpp>
#include <snag/util/time.hpp>

namespace snag::http {
namespace {

constexpr std::size_t k_queue_size = 16384;

std::string line_start(std::string_view level) {
  std::string line = "{\"ts\":\"";
  line += format_rfc3339(SystemClock{}.now());
  line += "\",\"level\":\"";
  line += level;
  line += "\",";
  return line;
}

}  // namespace

AccessLog::AccessLog(std::string_view level) {
  m_pool = std::make_shared<spdlog::details::thread_pool>(k_queue_size, 1);
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  // Blocking when the queue is full: a lost access line is worse than a slower request.
  m_logger = std::make_shared<spdlog::async_logger>("snag.http", std::move(sink), m_pool,
                                                    spdlog::async_overflow_policy::block);
  m_logger->set_pattern("%v");
  m_logger->set_level(spdlog::level::from_str(std::string(level)));
}

AccessLog::~AccessLog() { m_logger->flush(); }

void AccessLog::request(std::string_view request_id, std::string_view method, std::string_view path, unsigned status,
                        double duration_ms) {
  if (!m_logger->should_log(spdlog::level::info)) return;
  auto line = line_start("info");
  line += "\"msg\":\"request\",\"request_id\":\"";
  append_json_escaped(line, request_id);
  line += "\",\"method\":\"";
  append_json_escaped(line, method);
  line += "\",\"path\":\"";
  append_json_escaped(line, path);
  line += fmt::format("\",\"status\":{},\"duration_ms\":{:.3f}}}", status, duration_ms);
  m_logger->info(line);
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
