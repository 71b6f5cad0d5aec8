#pragma once
// What a fuzz target asserts beyond "no crash": a broken invariant aborts, so that libFuzzer
// keeps the input as a crash like any other (and prints the message).

#include <cstdio>
#include <cstdlib>

namespace snag::fuzz {

inline void check(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

}  // namespace snag::fuzz
