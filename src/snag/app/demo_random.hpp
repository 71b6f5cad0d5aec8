#pragma once
// The demo seeder's source of chance. Every draw goes through here so that one seed gives
// one org on every platform: the std distributions are implementation-defined, these are not.

#include <cmath>
#include <cstdint>
#include <random>
#include <span>

namespace snag::demo {

class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : m_engine(seed) {}

  // Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }

  // REQUIRES: n > 0. The modulo bias is below 2^-40 for the small n used here.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_engine() % n); }

  bool chance(double probability) { return uniform() < probability; }

  double exponential(double mean) { return -mean * std::log1p(-uniform()); }

  // Standard normal by Box-Muller (no cached second value, so draws stay in a fixed order).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * k_pi * u2);
  }

  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }

  // REQUIRES: items is not empty.
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

  // An index drawn in proportion to `weights`. REQUIRES: a positive total.
  std::size_t weighted(std::span<const int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    auto point = static_cast<int>(below(static_cast<std::size_t>(total)));
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (point < weights[i]) return i;
      point -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static constexpr double k_pi = 3.14159265358979323846;
  std::mt19937_64 m_engine;
};

}  // namespace snag::demo
