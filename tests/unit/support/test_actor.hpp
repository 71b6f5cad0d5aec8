#pragma once
// The administrator who creates the users, keys and clients a test needs.

#include <snag/domain/actor.hpp>

namespace snag::testing {

inline Actor test_admin() { return Actor{"test-admin", "admin", std::nullopt, "test", "127.0.0.1", std::nullopt}; }

}  // namespace snag::testing
