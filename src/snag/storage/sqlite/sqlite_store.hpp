#pragma once
// The SQLite backend of the Store port: one WAL-mode database file, a group-commit writer and a
// pool of read-only connections.

#include <memory>
#include <string>

#include <snag/app/ports/store.hpp>

namespace snag::sqlite {

// Opens (creating if missing) and migrates the database at `path`.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace snag::sqlite
