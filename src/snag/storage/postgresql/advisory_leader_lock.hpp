#pragma once
// PostgreSQL's leader lock: a session-level advisory lock held on a connection of its own.
// A node that dies or loses its connection loses the lock with its session.

#include <memory>
#include <string>

#include <snag/app/ports/leader_lock.hpp>

namespace snag::postgresql {

std::unique_ptr<LeaderLock> advisory_leader_lock(const std::string& url, const std::string& name);

}  // namespace snag::postgresql
