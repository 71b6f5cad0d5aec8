#include <algorithm>
#include <iostream>

#include <unistd.h>

#include <snag/cli/progress_bar.hpp>

namespace snag {

namespace {

constexpr unsigned k_bar_width = 30;

}  // namespace

ProgressBar::ProgressBar(std::string label, std::uint64_t total, bool terminal)
    : m_label(std::move(label)), m_total(total), m_terminal(terminal) {}

bool ProgressBar::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

unsigned ProgressBar::percent() const {
  if (m_total == 0) return 0;
  return static_cast<unsigned>(std::min<std::uint64_t>(100, m_done * 100 / m_total));
}

void ProgressBar::draw() {
  const unsigned filled = percent() * k_bar_width / 100;
  std::cerr << '\r' << m_label << " [" << std::string(filled, '#') << std::string(k_bar_width - filled, ' ') << "] "
            << percent() << "% " << m_items << " rows" << std::flush;
  m_drawn = true;
}

void ProgressBar::update(std::uint64_t done, std::size_t items) {
  m_done = done;
  m_items = items;
  if (m_terminal) {
    draw();
    return;
  }
  const unsigned tenth = percent() / 10;
  if (tenth <= m_last_reported) return;
  m_last_reported = tenth;
  std::cerr << m_label << ": " << percent() << "% (" << m_items << " rows)\n";
}

void ProgressBar::message(const std::string& text) {
  if (m_terminal && m_drawn) std::cerr << "\r\033[K";  // clear the bar's line
  std::cerr << text << '\n';
  if (m_terminal && m_drawn) draw();
}

void ProgressBar::finish(std::size_t items) {
  m_done = m_total;
  m_items = items;
  if (m_terminal) {
    draw();
    std::cerr << '\n';
    return;
  }
  if (m_last_reported < 10) std::cerr << m_label << ": 100% (" << m_items << " rows)\n";
}

}  // namespace snag
