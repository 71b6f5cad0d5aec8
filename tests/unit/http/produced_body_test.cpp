// ProducedBody, the streamed body of a large export: all the producer writes arrives in order,
// no more than the buffer (plus one write) waits unsent however slowly it is read, the producer
// stops when the server closes the body, and a failed producer is told apart from a finished one.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include <snag/http/produced_body.hpp>

namespace snag::http {
namespace produced_body_test {

constexpr std::size_t k_chunk = 64 * 1024;

// Waits for wake-ups as the server's connection does.
class Reader {
 public:
  explicit Reader(ProducedBody& body) : m_body(body) {
    body.start([this] {
      std::lock_guard lock(m_mutex);
      m_woken = true;
      m_wake.notify_all();
    });
  }

  // Reads until the body ends; `each` sees the size of every read.
  std::string read_all(const std::function<void(std::size_t)>& each = {}) {
    std::string all;
    for (;;) {
      std::string text;
      const bool open = m_body.read(text);
      if (each) each(text.size());
      all += text;
      if (!open) return all;
      if (text.empty()) {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::seconds(5), [&] { return m_woken; });
        m_woken = false;
      }
    }
  }

 private:
  ProducedBody& m_body;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_woken = false;
};

TEST(ProducedBody, DeliversEverythingInOrderWithABoundedBuffer) {
  constexpr int k_chunks = 80;  // 5 MB, five times the buffer
  ProducedBody body([](ProducedBody::Sink& sink) {
    for (int i = 0; i < k_chunks; ++i) {
      if (!sink.write(std::string(k_chunk, static_cast<char>('a' + i % 26)))) return false;
    }
    return true;
  });
  Reader reader(body);
  std::size_t largest = 0;
  const std::string all = reader.read_all([&](std::size_t size) {
    largest = std::max(largest, size);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // a slow client
  });
  ASSERT_EQ(all.size(), k_chunks * k_chunk);
  for (int i = 0; i < k_chunks; ++i) {
    ASSERT_EQ(all[static_cast<std::size_t>(i) * k_chunk], static_cast<char>('a' + i % 26)) << i;
  }
  EXPECT_LE(largest, k_produced_body_buffer + k_chunk) << "the producer waits while the buffer is full";
  EXPECT_FALSE(body.failed());
}

TEST(ProducedBody, TheProducerStopsWhenTheServerClosesTheBody) {
  std::atomic<int> writes{0};
  std::atomic<bool> told_to_stop{false};
  {
    ProducedBody body([&](ProducedBody::Sink& sink) {
      while (sink.write(std::string(k_chunk, 'x'))) ++writes;
      told_to_stop = true;
      return true;
    });
    // Nobody reads: the producer fills the buffer and waits until the body is closed.
    while (writes < static_cast<int>(k_produced_body_buffer / k_chunk)) std::this_thread::yield();
    body.close();
  }  // joins the producer
  EXPECT_TRUE(told_to_stop);
  EXPECT_LE(writes, static_cast<int>(k_produced_body_buffer / k_chunk) + 1);
}

TEST(ProducedBody, AFailedProducerIsNotAFinishedBody) {
  ProducedBody body([](ProducedBody::Sink& sink) {
    sink.write("key,type\r\n");
    return false;  // a page could not be read
  });
  Reader reader(body);
  EXPECT_EQ(reader.read_all(), "key,type\r\n");
  EXPECT_TRUE(body.failed());
}

}  // namespace produced_body_test
}  // namespace snag::http
