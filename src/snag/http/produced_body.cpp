#include <snag/http/produced_body.hpp>

namespace snag::http {

bool ProducedBody::Sink::write(std::string_view text) {
  std::unique_lock lock(m_body.m_mutex);
  m_body.m_drained.wait(lock, [&] { return m_body.m_closed || m_body.m_buffer.size() < k_produced_body_buffer; });
  if (m_body.m_closed) return false;
  const bool was_empty = m_body.m_buffer.empty();
  m_body.m_buffer += text;
  // The server reads everything there is at each wake-up: only the first text since needs one.
  if (was_empty && m_body.m_wake) m_body.m_wake();
  return true;
}

ProducedBody::ProducedBody(Producer producer)
    : m_thread([this, producer = std::move(producer)] {
        Sink sink(*this);
        finish(producer(sink));
      }) {}

ProducedBody::~ProducedBody() {
  close();
  m_thread.join();
}

void ProducedBody::finish(bool complete) {
  std::lock_guard lock(m_mutex);
  m_done = true;
  m_complete = complete;
  if (m_wake) m_wake();
}

void ProducedBody::start(std::function<void()> wake) {
  std::lock_guard lock(m_mutex);
  m_wake = std::move(wake);
  if (!m_buffer.empty() || m_done) m_wake();
}

bool ProducedBody::read(std::string& out) {
  std::lock_guard lock(m_mutex);
  if (out.empty()) {
    out.swap(m_buffer);
  } else {
    out += m_buffer;
    m_buffer.clear();
  }
  m_drained.notify_all();
  return !m_done;
}

void ProducedBody::close() {
  std::lock_guard lock(m_mutex);
  m_closed = true;
  m_wake = nullptr;
  m_drained.notify_all();
}

bool ProducedBody::failed() const {
  std::lock_guard lock(m_mutex);
  return m_done && !m_complete;
}

}  // namespace snag::http
