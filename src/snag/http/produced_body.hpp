#pragma once
// A response body made on a thread of its own while it is sent: a CSV export of every ticket is
// too large to hold. The producer writes text through a Sink, which holds it back while more
// than k_produced_body_buffer waits unsent, so memory stays flat however long the body is, and
// tells it to stop once the client is gone.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <snag/http/event_stream.hpp>

namespace snag::http {

inline constexpr std::size_t k_produced_body_buffer = 1 << 20;

class ProducedBody final : public EventStream {
 public:
  class Sink {
   public:
    // Blocks while the buffer is full; false once the server is done with the body (stop).
    bool write(std::string_view text);

   private:
    friend class ProducedBody;
    explicit Sink(ProducedBody& body) : m_body(body) {}
    ProducedBody& m_body;
  };
  // Returns false when the body it wrote is incomplete (a read failed part-way).
  using Producer = std::function<bool(Sink&)>;

  // Starts `producer` on a new thread at once.
  explicit ProducedBody(Producer producer);
  // Stops the producer (its next write returns false) and waits for its thread.
  ~ProducedBody() override;
  ProducedBody(const ProducedBody&) = delete;
  ProducedBody& operator=(const ProducedBody&) = delete;

  void start(std::function<void()> wake) override;
  bool read(std::string& out) override;
  void close() override;
  bool failed() const override;

 private:
  void finish(bool complete);

  mutable std::mutex m_mutex;
  std::condition_variable m_drained;
  std::string m_buffer;
  std::function<void()> m_wake;
  bool m_done = false;
  bool m_complete = true;
  bool m_closed = false;
  std::thread m_thread;  // last: it starts once everything above exists
};

}  // namespace snag::http
