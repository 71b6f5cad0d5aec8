#include <filesystem>
#include <system_error>

#include <snag/storage/open_store.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/postgresql/migrations.hpp>
#include <snag/storage/postgresql/postgresql_store.hpp>
#include <snag/storage/sqlite/migrations.hpp>
#include <snag/storage/sqlite/sqlite_store.hpp>

namespace snag {

namespace {

constexpr std::string_view k_sqlite_prefix = "sqlite:";

Error unsupported_url() {
  return Error{ErrorCode::invalid_argument,
               "the database URL must be sqlite:PATH (e.g. sqlite:var/snag.db) or postgresql://…",
               {},
               {}};
}

// The file path of a sqlite: URL, with its parent directories created.
Result<std::string> sqlite_path(std::string_view url) {
  std::string_view path = url.substr(k_sqlite_prefix.size());
  // Accept sqlite://PATH too, as many tools write it.
  if (path.starts_with("//")) path.remove_prefix(2);
  if (path.empty()) return fail(ErrorCode::invalid_argument, "the sqlite: database URL names no file");
  const std::filesystem::path file{std::string(path)};
  if (file.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) {
      return fail(ErrorCode::unavailable,
                  "cannot create the database directory " + file.parent_path().string() + ": " + error.message());
    }
  }
  return std::string(path);
}

bool is_postgresql(std::string_view url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

}  // namespace

Result<std::unique_ptr<Store>> open_store(std::string_view url) {
  if (url.starts_with(k_sqlite_prefix)) {
    auto path = sqlite_path(url);
    if (!path) return tl::unexpected(path.error());
    auto store = sqlite::open_sqlite_store(*path);
    if (!store) return tl::unexpected(store.error());
    return std::move(*store);
  }
  if (is_postgresql(url)) return postgresql::open_postgresql_store(std::string(url));
  return tl::unexpected(unsupported_url());
}

Result<int> migrate_database(std::string_view url) {
  if (url.starts_with(k_sqlite_prefix)) {
    auto path = sqlite_path(url);
    if (!path) return tl::unexpected(path.error());
    auto connection = sqlite::Connection::open(*path, sqlite::OpenMode::read_write_create);
    if (!connection) return tl::unexpected(connection.error());
    return sqlite::apply_migrations(**connection);
  }
  if (is_postgresql(url)) {
    auto connection = postgresql::Connection::open(std::string(url));
    if (!connection) return tl::unexpected(connection.error());
    return postgresql::apply_migrations(**connection);
  }
  return tl::unexpected(unsupported_url());
}

}  // namespace snag
