#pragma once
// A clock that stands still until the test moves it.

#include <chrono>

#include <snag/app/ports/clock.hpp>

namespace snag::testing {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp now) : m_now(now) {}
  Timestamp now() const override { return m_now; }
  void advance(std::chrono::milliseconds by) { m_now += by; }
  void set(Timestamp now) { m_now = now; }

 private:
  Timestamp m_now;
};

}  // namespace snag::testing
