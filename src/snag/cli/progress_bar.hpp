#pragma once
// Progress of a long command on stderr: a bar redrawn in place when stderr is a terminal, and
// otherwise a plain line at every tenth of the way, which logs and CI output keep readable.

#include <cstddef>
#include <cstdint>
#include <string>

namespace snag {

class ProgressBar {
 public:
  // `total` is in the unit of update's `done` (bytes of a file, say); 0 when unknown.
  ProgressBar(std::string label, std::uint64_t total, bool terminal);

  void update(std::uint64_t done, std::size_t items);
  // A line of its own (a row's error, say), printed above the bar.
  void message(const std::string& text);
  void finish(std::size_t items);

  // Whether stderr is a terminal.
  static bool stderr_is_terminal();

 private:
  void draw();
  unsigned percent() const;

  const std::string m_label;
  const std::uint64_t m_total;
  const bool m_terminal;
  std::uint64_t m_done = 0;
  std::size_t m_items = 0;
  unsigned m_last_reported = 0;  // plain mode: the last tenth printed
  bool m_drawn = false;          // terminal mode: the bar is on the current line
};

}  // namespace snag
