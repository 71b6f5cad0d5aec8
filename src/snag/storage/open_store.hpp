#pragma once
// Chooses and opens the Store backend named by a database URL:
//   sqlite:PATH             an SQLite file (created, with its parent directories, when missing)
//   postgresql://… (or postgres://…)   a PostgreSQL database (a libpq connection URI)

#include <memory>
#include <string_view>

#include <snag/app/ports/store.hpp>
#include <snag/util/error.hpp>

namespace snag {

// A ready store: the database exists and its schema is current. invalid_argument for a URL of
// another form; unavailable when the database cannot be opened.
Result<std::unique_ptr<Store>> open_store(std::string_view url);

// Brings the database's schema up to date (creating it if needed) and returns the schema
// version, for `snag db migrate`.
Result<int> migrate_database(std::string_view url);

}  // namespace snag
