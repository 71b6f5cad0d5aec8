#pragma once
// One JSON line per request on stderr, written by a background thread so that the I/O threads
// never wait on the terminal or a pipe. Never logs Authorization, bodies or query strings
// (queries may hold personal data such as a candidate's name).

#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
namespace details {
class thread_pool;
}
}  // namespace spdlog

namespace snag::http {

class AccessLog {
 public:
  // `level` as in ServerSettings::log_level; request lines are logged at info.
  explicit AccessLog(std::string_view level);
  ~AccessLog();

  void request(std::string_view request_id, std::string_view method, std::string_view path, unsigned status,
               double duration_ms);

 private:
  std::shared_ptr<spdlog::details::thread_pool> m_pool;  // the async logger only holds a weak_ptr
  std::shared_ptr<spdlog::logger> m_logger;
};

// Appends `text` as JSON string content (without quotes); non-ASCII bytes become \u00XX so
// that a line stays valid JSON even for a path that is not UTF-8.
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace snag::http
