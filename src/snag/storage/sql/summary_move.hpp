#pragma once
// The one step every kept summary of counts per key takes when a ticket write changes where a
// ticket is counted (kept_summaries.hpp).

#include <cstdint>
#include <optional>

#include <snag/util/error.hpp>

namespace snag::sql {

// Takes the ticket's count out of `before` and adds it to `after` (either absent: counted
// nowhere) through `add(key, sign)`, sign -1 or 1; nothing when the two are the same.
template <class Key, class Add>
Result<void> move_count(const std::optional<Key>& before, const std::optional<Key>& after, Add add) {
  if (before == after) return {};
  if (before) {
    if (auto done = add(*before, std::int64_t{-1}); !done) return done;
  }
  if (after) return add(*after, std::int64_t{1});
  return {};
}

}  // namespace snag::sql
