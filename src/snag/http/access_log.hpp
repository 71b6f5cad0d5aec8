#pragma once
// One JSON line per request on stderr, written by a background thread so that the I/O threads
// never wait on the terminal or a pipe. Never logs Authorization, bodies or query strings
// (queries may hold personal data such as a candidate's name).
//
// Cost per request: the line is formatted into the caller's thread-local buffer and appended to
// a shared buffer under a mutex; the writer thread wakes once per batch window (not per line)
// and writes whole lines, at most PIPE_BUF bytes per write() so that lines from other loggers
// on the same pipe never land inside ours.

#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace snag::http {

class AccessLog {
 public:
  // `level` as in ServerSettings::log_level; request lines are logged at info. `fd` is where
  // lines go (stderr; tests pass a pipe).
  explicit AccessLog(std::string_view level, int fd = 2);
  ~AccessLog();  // writes every line logged so far
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void request(std::string_view request_id, std::string_view method, std::string_view path, unsigned status,
               double duration_ms);

  // Blocks until every line logged so far has been written.
  void flush();

 private:
  void append(std::string_view line);
  void run();
  void write_lines(std::string_view text);

  bool m_enabled = true;
  int m_fd = 2;
  std::mutex m_mutex;
  std::condition_variable m_wake;     // writer: lines arrived, the buffer is large, or stop
  std::condition_variable m_drained;  // producers and flush(): the writer took the buffer
  std::string m_buffer;               // guarded by m_mutex
  std::uint64_t m_appended = 0;       // bytes ever appended; guarded by m_mutex
  std::uint64_t m_written = 0;        // bytes ever written; guarded by m_mutex
  bool m_flush_requested = false;     // guarded by m_mutex
  bool m_stop = false;                // guarded by m_mutex
  std::thread m_thread;               // last: starts after the members it uses
};

// Appends `text` as JSON string content (without quotes); non-ASCII bytes become \u00XX so
// that a line stays valid JSON even for a path that is not UTF-8.
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace snag::http
