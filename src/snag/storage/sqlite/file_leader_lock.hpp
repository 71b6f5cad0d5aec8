#pragma once
// SQLite's leader lock: an exclusive flock on a file next to the database. Every process that
// shares an SQLite file runs on one machine, so the kernel's file lock is the whole truth.

#include <memory>
#include <string>

#include <snag/app/ports/leader_lock.hpp>

namespace snag::sqlite {

// `database_path` + "." + name + ".lock".
std::unique_ptr<LeaderLock> file_leader_lock(const std::string& database_path, const std::string& name);

}  // namespace snag::sqlite
