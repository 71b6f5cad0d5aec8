#pragma once
// The advisory lock keys Snag takes on PostgreSQL, in one place so that no two uses collide.
// Keys are 64-bit; the high half spells "snag" so that other applications sharing the
// database are unlikely to pick the same numbers.

#include <cstdint>

namespace snag::postgresql {

inline constexpr std::int64_t k_lock_base = std::int64_t{0x736e6167} << 32;
// Held while migrations run, so that nodes starting together migrate once.
inline constexpr std::int64_t k_schema_lock = k_lock_base + 1;
// Held by each write batch until its commit: it orders the journal's hash chain across nodes.
inline constexpr std::int64_t k_journal_lock = k_lock_base + 2;
// Leader locks (advisory_leader_lock.hpp) take keys from here on, one per name.
inline constexpr std::int64_t k_leader_lock_base = k_lock_base + 0x10000000;

}  // namespace snag::postgresql
