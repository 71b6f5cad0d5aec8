#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <snag/storage/copy/database_copy.hpp>
#include <snag/storage/postgresql/advisory_locks.hpp>
#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/postgresql/migrations.hpp>
#include <snag/storage/sql/copied_tables.hpp>
#include <snag/storage/sql/schema.hpp>
#include <snag/storage/sqlite/connection.hpp>
#include <snag/storage/sqlite/migrations.hpp>

namespace snag {

namespace {

using sql::ColumnType;
using sql::CopiedTable;
using sql::k_copied_tables;

// Rows per keyset page read from the source. A PostgreSQL statement holds its whole result in
// memory, so the page bounds what the copy holds at once, whatever the size of the table.
constexpr std::int64_t k_page_rows = 5000;
// Bound parameters per INSERT. Several rows per statement save a round trip to PostgreSQL per
// row; 999 is the smallest limit SQLite has ever had (SQLITE_MAX_VARIABLE_NUMBER).
constexpr std::size_t k_max_insert_parameters = 999;

template <class Connection>
constexpr bool k_is_sqlite = std::is_same_v<Connection, sqlite::Connection>;

enum class Backend { sqlite, postgresql };

struct Location {
  Backend backend;
  std::string target;  // the file of an SQLite database, the URL of a PostgreSQL one
};

// The same URL forms as open_store (storage/open_store.hpp), without creating anything.
// `role` ("source", "destination") names the URL in messages.
Result<Location> parse_location(std::string_view url, std::string_view role) {
  if (url.starts_with("sqlite:")) {
    std::string_view path = url.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);
    if (path.empty()) return fail(ErrorCode::invalid_argument, "the " + std::string(role) + " sqlite: URL names no file");
    return Location{Backend::sqlite, std::string(path)};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return Location{Backend::postgresql, std::string(url)};
  }
  return fail(ErrorCode::invalid_argument, "the " + std::string(role) +
                                               " database URL must be sqlite:PATH (e.g. sqlite:var/snag.db) or "
                                               "postgresql://…");
}

// Two spellings of one PostgreSQL database are not recognised here; the destination is then
// refused for holding the source's data.
bool same_database(const Location& a, const Location& b) {
  if (a.backend != b.backend) return false;
  if (a.backend == Backend::postgresql) return a.target == b.target;
  std::error_code error;
  const auto first = std::filesystem::weakly_canonical(a.target, error);
  if (error) return a.target == b.target;
  const auto second = std::filesystem::weakly_canonical(b.target, error);
  if (error) return a.target == b.target;
  return first == second;
}

Error in_context(std::string_view what, Error error) {
  error.message = std::string(what) + ": " + error.message;
  return error;
}

// ---- Reading the schema ----------------------------------------------------------------------

template <class Connection>
Result<int> schema_version(Connection& connection) {
  if constexpr (k_is_sqlite<Connection>) {
    auto statement = connection.prepare("PRAGMA user_version");
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    return *row ? static_cast<int>(statement.int64(0)) : 0;
  } else {
    auto exists = connection.prepare("SELECT to_regclass('snag_schema') IS NOT NULL");
    auto row = exists.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row || exists.int64(0) == 0) return 0;
    auto statement = connection.prepare("SELECT version FROM snag_schema");
    row = statement.step();
    if (!row) return tl::unexpected(row.error());
    return *row ? static_cast<int>(statement.int64(0)) : 0;
  }
}

// Tables that are not data: schema bookkeeping, SQLite's own, and full-text indexes (virtual
// tables and their shadow tables, which SQLite names <virtual table>_<suffix>).
bool is_bookkeeping(std::string_view table, const std::vector<std::string>& virtual_tables) {
  if (table == "snag_schema" || table.starts_with("sqlite_")) return true;
  return std::any_of(virtual_tables.begin(), virtual_tables.end(), [&](const std::string& virtual_table) {
    return table == virtual_table || (table.starts_with(virtual_table) && table.size() > virtual_table.size() &&
                                      table[virtual_table.size()] == '_');
  });
}

bool is_virtual_table_sql(std::string sql) {
  std::transform(sql.begin(), sql.end(), sql.begin(), [](unsigned char c) { return std::toupper(c); });
  return sql.starts_with("CREATE VIRTUAL TABLE");
}

// The data tables of the database's schema (on PostgreSQL, the current schema: where the
// migrations create them).
template <class Connection>
Result<std::vector<std::string>> data_tables(Connection& connection) {
  std::vector<std::string> names;
  std::vector<std::string> virtual_tables;
  auto statement = k_is_sqlite<Connection>
                       ? connection.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
                       : connection.prepare(
                             "SELECT table_name, '' FROM information_schema.tables "
                             "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    if (is_virtual_table_sql(statement.text(1))) virtual_tables.push_back(statement.text(0));
    names.push_back(statement.text(0));
  }
  std::erase_if(names, [&](const std::string& name) { return is_bookkeeping(name, virtual_tables); });
  return names;
}

// The stored (not generated) columns of a table, in schema order.
template <class Connection>
Result<std::vector<std::string>> data_columns(Connection& connection, std::string_view table) {
  // table_xinfo's hidden is 2 or 3 for generated columns.
  auto statement = k_is_sqlite<Connection>
                       ? connection.prepare("SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid")
                       : connection.prepare(
                             "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                             "AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position");
  statement.bind(1, table);
  std::vector<std::string> names;
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return names;
    names.push_back(statement.text(0));
  }
}

template <class Connection>
Result<std::vector<std::string>> schema_differences(Connection& connection) {
  auto tables = data_tables(connection);
  if (!tables) return tl::unexpected(tables.error());
  std::vector<std::string> differences;
  const auto has = [](const auto& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (const auto& table : *tables) {
    if (std::none_of(k_copied_tables.begin(), k_copied_tables.end(),
                     [&](const CopiedTable& copied) { return copied.name == table; })) {
      differences.push_back("table " + table + " is not copied");
    }
  }
  for (const CopiedTable& copied : k_copied_tables) {
    const std::string table(copied.name);
    if (!has(*tables, table)) {
      differences.push_back("table " + table + " is missing");
      continue;
    }
    auto columns = data_columns(connection, table);
    if (!columns) return tl::unexpected(columns.error());
    for (const auto& column : *columns) {
      if (std::none_of(copied.columns.begin(), copied.columns.end(),
                       [&](const sql::CopiedColumn& known) { return known.name == column; })) {
        differences.push_back("column " + table + "." + column + " is not copied");
      }
    }
    for (const auto& known : copied.columns) {
      if (!has(*columns, known.name)) differences.push_back("column " + table + "." + std::string(known.name) + " is missing");
    }
  }
  return differences;
}

template <class Connection>
Result<bool> table_exists(Connection& connection, std::string_view table) {
  auto statement =
      k_is_sqlite<Connection>
          ? connection.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
          : connection.prepare(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?");
  statement.bind(1, table);
  return statement.step();
}

// The first copied table that exists and holds a row, if any.
template <class Connection>
Result<std::optional<std::string_view>> first_table_with_data(Connection& connection) {
  for (const CopiedTable& table : k_copied_tables) {
    auto exists = table_exists(connection, table.name);
    if (!exists) return tl::unexpected(exists.error());
    if (!*exists) continue;
    auto statement = connection.prepare("SELECT 1 FROM " + std::string(table.name) + " LIMIT 1");
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (*row) return std::optional<std::string_view>{table.name};
  }
  return std::optional<std::string_view>{};
}

// ---- Reading the source -----------------------------------------------------------------------

template <class Connection>
Result<std::int64_t> count_rows(Connection& connection, const CopiedTable& table) {
  auto statement = connection.prepare("SELECT count(*) FROM " + std::string(table.name));
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  return *row ? statement.int64(0) : 0;
}

// The largest id the table has ever issued: its largest id, or more when later rows were
// deleted or inserts rolled back (AUTOINCREMENT's counter, the identity sequence). The
// destination continues after it, so that a ticket key is never reused.
template <class Connection>
Result<std::int64_t> issued_ids(Connection& connection, const CopiedTable& table) {
  const std::string id(table.columns[0].name);
  auto largest = connection.prepare("SELECT max(" + id + ") FROM " + std::string(table.name));
  auto row = largest.step();
  if (!row) return tl::unexpected(row.error());
  std::int64_t issued = *row ? largest.int64(0) : 0;  // NULL (no rows) reads as 0
  auto counter = k_is_sqlite<Connection>
                     ? connection.prepare("SELECT seq FROM sqlite_sequence WHERE name = ?")
                     : connection.prepare("SELECT pg_sequence_last_value(pg_get_serial_sequence(?, ?)::regclass)");
  counter.bind(1, table.name);
  if constexpr (!k_is_sqlite<Connection>) counter.bind(2, id);
  row = counter.step();
  if (!row) return tl::unexpected(row.error());
  if (*row) issued = std::max(issued, counter.int64(0));
  return issued;
}

// ---- Copying rows -----------------------------------------------------------------------------

using Value = std::variant<std::monostate, std::int64_t, std::string>;

template <class Statement>
Value read_value(const Statement& statement, int column, ColumnType type) {
  if (statement.is_null(column)) return std::monostate{};
  if (type == ColumnType::integer) return statement.int64(column);
  return statement.text(column);
}

template <class Statement>
void bind_value(Statement& statement, int index, const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    statement.bind_null(index);
  } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
    statement.bind(index, *number);
  } else {
    statement.bind(index, std::string_view(std::get<std::string>(value)));
  }
}

std::string joined(const CopiedTable& table, std::size_t count) {
  std::string list;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) list += ", ";
    list += table.columns[i].name;
  }
  return list;
}

// A keyset page: the rows after the previous page's last key, in primary key order. The key is
// compared as a row value, which both databases answer from the primary key index.
std::string page_sql(const CopiedTable& table, bool after_key) {
  const std::string key = joined(table, table.key_columns);
  std::string sql = "SELECT " + joined(table, table.columns.size()) + " FROM " + std::string(table.name);
  if (after_key) {
    std::string parameters;
    for (std::size_t i = 0; i < table.key_columns; ++i) parameters += i > 0 ? ", ?" : "?";
    sql += table.key_columns == 1 ? " WHERE " + key + " > ?" : " WHERE (" + key + ") > (" + parameters + ")";
  }
  sql += " ORDER BY " + key + " LIMIT ?";
  return sql;
}

// Inserts by column name, so a column the source or the destination adds by itself (PostgreSQL's
// generated tickets.search) is left out.
std::string insert_sql(const CopiedTable& table, std::size_t rows) {
  std::string row = "(";
  for (std::size_t i = 0; i < table.columns.size(); ++i) row += i > 0 ? ", ?" : "?";
  row += ")";
  std::string sql = "INSERT INTO " + std::string(table.name) + " (" + joined(table, table.columns.size()) + ") VALUES ";
  for (std::size_t i = 0; i < rows; ++i) {
    if (i > 0) sql += ", ";
    sql += row;
  }
  return sql;
}

template <class Source, class Destination>
Result<std::int64_t> copy_rows(Source& source, Destination& destination, const CopiedTable& table,
                               CopyProgress& where, const CopyProgressCallback& progress) {
  const std::size_t width = table.columns.size();
  const std::size_t rows_per_insert = std::max<std::size_t>(1, k_max_insert_parameters / width);
  const std::string first_page = page_sql(table, false);
  const std::string next_page = page_sql(table, true);
  const std::string full_insert = insert_sql(table, rows_per_insert);
  const std::string reading = "reading " + std::string(table.name) + " from the source";
  const std::string writing = "writing " + std::string(table.name) + " to the destination";

  std::vector<Value> pending;  // values of the rows read and not yet inserted, row after row
  pending.reserve(rows_per_insert * width);
  std::vector<Value> last_key;
  std::int64_t inserted = 0;
  const auto flush = [&]() -> Result<void> {
    if (pending.empty()) return {};
    const std::size_t rows = pending.size() / width;
    auto insert = destination.prepare(rows == rows_per_insert ? full_insert : insert_sql(table, rows));
    for (std::size_t i = 0; i < pending.size(); ++i) bind_value(insert, static_cast<int>(i + 1), pending[i]);
    if (auto ran = insert.run(); !ran) return tl::unexpected(in_context(writing, ran.error()));
    inserted += static_cast<std::int64_t>(rows);
    pending.clear();
    return {};
  };

  for (;;) {
    auto page = source.prepare(last_key.empty() ? first_page : next_page);
    int index = 1;
    for (const Value& key : last_key) bind_value(page, index++, key);
    page.bind(index, k_page_rows);
    std::int64_t rows = 0;
    for (;;) {
      auto row = page.step();
      if (!row) return tl::unexpected(in_context(reading, row.error()));
      if (!*row) break;
      ++rows;
      for (std::size_t column = 0; column < width; ++column) {
        pending.push_back(read_value(page, static_cast<int>(column), table.columns[column].type));
      }
      const auto key = pending.end() - static_cast<std::ptrdiff_t>(width);
      last_key.assign(key, key + static_cast<std::ptrdiff_t>(table.key_columns));
      if (pending.size() == rows_per_insert * width) {
        if (auto flushed = flush(); !flushed) return tl::unexpected(flushed.error());
      }
    }
    if (progress) {
      where.copied = inserted + static_cast<std::int64_t>(pending.size() / width);
      progress(where);
    }
    if (rows < k_page_rows) break;
  }
  if (auto flushed = flush(); !flushed) return tl::unexpected(flushed.error());
  return inserted;
}

// The destination issues ids after `issued`.
template <class Connection>
Result<void> continue_ids(Connection& connection, const CopiedTable& table, std::int64_t issued) {
  if constexpr (k_is_sqlite<Connection>) {
    // AUTOINCREMENT already follows the explicit ids inserted; this carries over a counter
    // that ran ahead of them. sqlite_sequence is an ordinary table to write.
    if (issued == 0) return {};
    auto removed = connection.prepare("DELETE FROM sqlite_sequence WHERE name = ?");
    removed.bind(1, table.name);
    if (auto ran = removed.run(); !ran) return tl::unexpected(ran.error());
    auto counter = connection.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)");
    counter.bind(1, table.name).bind(2, issued);
    return counter.run();
  } else {
    // Explicit ids leave the identity sequence where it was; the next nextval() returns
    // issued + 1 (1 for an empty table). setval is not rolled back with a failed copy, which
    // only means that ids of the empty destination start later.
    auto sequence = connection.prepare("SELECT setval(pg_get_serial_sequence(?, ?)::regclass, ?, false)");
    sequence.bind(1, table.name).bind(2, table.columns[0].name).bind(3, issued + 1);
    return sequence.run();
  }
}

template <class Connection>
Result<void> finish_destination(Connection& connection) {
  if constexpr (k_is_sqlite<Connection>) {
    // tickets_fts is filled by the writer, not by triggers (dialect.cpp): rebuild it here.
    if (auto indexed =
            connection.exec("INSERT INTO tickets_fts (rowid, title, description) SELECT id, title, description FROM tickets");
        !indexed) {
      return tl::unexpected(in_context("indexing the tickets for search", indexed.error()));
    }
    // Planner statistics for the list indexes, sampled as after a migration (migrations.cpp).
    if (auto analyzed = connection.exec("PRAGMA analysis_limit = 1000; ANALYZE tickets;"); !analyzed) {
      return tl::unexpected(in_context("analyzing the tickets", analyzed.error()));
    }
    return {};
  } else {
    // tickets.search is a generated column, computed as the rows went in. The planner needs
    // statistics of the new rows at once: autovacuum would gather them only a minute or so
    // later, and until then a text search scans the whole table.
    if (auto analyzed = connection.exec("ANALYZE"); !analyzed) {
      return tl::unexpected(in_context("analyzing the copied tables", analyzed.error()));
    }
    return {};
  }
}

// ---- The copy ---------------------------------------------------------------------------------

struct SourceSnapshot {
  std::vector<std::int64_t> totals;  // rows per table, in k_copied_tables order
  std::vector<std::int64_t> issued;  // ids issued per table (0 when not serial)
};

template <class Connection>
Result<void> begin_snapshot(Connection& connection) {
  // One read transaction for the whole copy: every table from the same moment, even while a
  // server still writes. The SQLite connection is query_only; PostgreSQL's transaction is too.
  if constexpr (k_is_sqlite<Connection>) {
    return connection.exec("BEGIN");
  } else {
    return connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
}

template <class Connection>
Result<SourceSnapshot> read_source(Connection& source) {
  if (auto begun = begin_snapshot(source); !begun) return tl::unexpected(in_context("reading the source", begun.error()));
  auto version = schema_version(source);
  if (!version) return tl::unexpected(in_context("reading the source's schema version", version.error()));
  const int latest = sql::latest_schema_version();
  if (*version == 0) {
    return fail(ErrorCode::invalid_argument, "the source database holds no snag schema (an empty or foreign database)");
  }
  if (*version < latest) {
    return fail(ErrorCode::invalid_argument,
                "the source database has schema version " + std::to_string(*version) + ", older than this snag's " +
                    std::to_string(latest) + "; run `snag db migrate --database <source URL>` first (the copy "
                                             "never writes to the source)");
  }
  if (*version > latest) {
    return fail(ErrorCode::invalid_argument, "the source database has schema version " + std::to_string(*version) +
                                                 ", newer than this snag understands (" + std::to_string(latest) +
                                                 "); copy it with a newer snag");
  }
  SourceSnapshot snapshot;
  for (const CopiedTable& table : k_copied_tables) {
    auto total = count_rows(source, table);
    if (!total) return tl::unexpected(in_context("counting " + std::string(table.name) + " in the source", total.error()));
    snapshot.totals.push_back(*total);
    std::int64_t issued = 0;
    if (table.serial) {
      auto ids = issued_ids(source, table);
      if (!ids) return tl::unexpected(in_context("reading the ids of " + std::string(table.name), ids.error()));
      issued = *ids;
    }
    snapshot.issued.push_back(issued);
  }
  return snapshot;
}

template <class Connection>
Result<void> refuse_data(Connection& destination) {
  auto filled = first_table_with_data(destination);
  if (!filled) return tl::unexpected(in_context("checking that the destination is empty", filled.error()));
  if (*filled) {
    return fail(ErrorCode::invalid_argument, "the destination database is not empty (" + std::string(**filled) +
                                                 " has rows); snag db copy fills only a database without data");
  }
  return {};
}

template <class Connection>
Result<void> begin_destination(Connection& destination) {
  if constexpr (k_is_sqlite<Connection>) {
    // IMMEDIATE: the write lock from the start, so no other writer slips in after the check.
    return destination.exec("BEGIN IMMEDIATE");
  } else {
    if (auto begun = destination.exec("BEGIN"); !begun) return begun;
    // A snag server on the destination takes this lock for each write batch: it waits for the copy.
    return destination.exec("SELECT pg_advisory_xact_lock(" + std::to_string(postgresql::k_journal_lock) + ")");
  }
}

template <class Source, class Destination>
Result<CopySummary> fill_destination(Source& source, Destination& destination, const SourceSnapshot& snapshot,
                                     const CopyProgressCallback& progress) {
  // One transaction for all tables: a failure anywhere (a lost connection, a full disk) leaves
  // the destination exactly as empty as it was, so the copy can simply be run again. Neither
  // database needs the rows in memory to commit them (SQLite spills to its WAL, PostgreSQL to
  // its tables), so the size of the transaction costs disk, not memory.
  if (auto begun = begin_destination(destination); !begun) {
    return tl::unexpected(in_context("starting to write the destination", begun.error()));
  }
  // Checked again inside the transaction, in case a server wrote since the first check.
  if (auto empty = refuse_data(destination); !empty) return tl::unexpected(empty.error());
  CopySummary summary;
  for (std::size_t i = 0; i < k_copied_tables.size(); ++i) {
    const CopiedTable& table = k_copied_tables[i];
    CopyProgress where{table.name, i, k_copied_tables.size(), 0, snapshot.totals[i], false};
    if (progress) progress(where);
    auto rows = copy_rows(source, destination, table, where, progress);
    if (!rows) return tl::unexpected(rows.error());
    if (table.serial) {
      if (auto continued = continue_ids(destination, table, snapshot.issued[i]); !continued) {
        return tl::unexpected(in_context("setting the next id of " + std::string(table.name), continued.error()));
      }
    }
    where.copied = *rows;
    where.done = true;
    if (progress) progress(where);
    summary.tables.push_back(CopiedRows{std::string(table.name), *rows});
  }
  if (auto finished = finish_destination(destination); !finished) return tl::unexpected(finished.error());
  if (auto committed = destination.exec("COMMIT"); !committed) {
    return tl::unexpected(in_context("committing the destination", committed.error()));
  }
  return summary;
}

template <class Source, class Destination>
Result<CopySummary> copy_into(Source& source, Destination& destination, const SourceSnapshot& snapshot,
                              const CopyProgressCallback& progress) {
  // Checked before migrating, so that a refused destination is left exactly as it was.
  if (auto empty = refuse_data(destination); !empty) return tl::unexpected(empty.error());
  if constexpr (k_is_sqlite<Destination>) {
    if (auto migrated = sqlite::apply_migrations(destination); !migrated) {
      return tl::unexpected(in_context("migrating the destination", migrated.error()));
    }
  } else {
    if (auto migrated = postgresql::apply_migrations(destination); !migrated) {
      return tl::unexpected(in_context("migrating the destination", migrated.error()));
    }
  }
  // A table or column this copy does not know would be left behind silently: refuse instead.
  auto differences = schema_differences(destination);
  if (!differences) return tl::unexpected(in_context("reading the destination's schema", differences.error()));
  if (!differences->empty()) {
    std::string list;
    for (const auto& difference : *differences) list += (list.empty() ? "" : "; ") + difference;
    return fail(ErrorCode::internal, "snag db copy does not know the whole schema (" + list +
                                         "): sql/copied_tables.hpp must list every table and column");
  }
  auto summary = fill_destination(source, destination, snapshot, progress);
  if (!summary && destination.in_transaction()) (void)destination.exec("ROLLBACK");
  return summary;
}

template <class F>
auto with_connection(const Location& location, bool source, F&& use) -> decltype(use(std::declval<sqlite::Connection&>())) {
  const std::string role = source ? "the source database" : "the destination database";
  if (location.backend == Backend::sqlite) {
    const std::filesystem::path file(location.target);
    if (source) {
      std::error_code error;
      if (!std::filesystem::is_regular_file(file, error)) {
        return fail(ErrorCode::invalid_argument, "the source database file " + location.target + " does not exist");
      }
    } else if (file.has_parent_path()) {
      std::error_code error;
      std::filesystem::create_directories(file.parent_path(), error);
      if (error) {
        return fail(ErrorCode::unavailable,
                    "cannot create the database directory " + file.parent_path().string() + ": " + error.message());
      }
    }
    auto connection = sqlite::Connection::open(
        location.target, source ? sqlite::OpenMode::read_only : sqlite::OpenMode::read_write_create);
    if (!connection) return tl::unexpected(in_context("opening " + role, connection.error()));
    return use(**connection);
  }
  auto connection = postgresql::Connection::open(location.target);
  if (!connection) return tl::unexpected(in_context("opening " + role, connection.error()));
  return use(**connection);
}

}  // namespace

Result<CopySummary> copy_database(std::string_view from_url, std::string_view to_url,
                                  const CopyProgressCallback& progress) {
  auto from = parse_location(from_url, "source");
  if (!from) return tl::unexpected(from.error());
  auto to = parse_location(to_url, "destination");
  if (!to) return tl::unexpected(to.error());
  if (same_database(*from, *to)) {
    return fail(ErrorCode::invalid_argument, "the source and the destination are the same database");
  }
  // The source is read and checked before the destination is opened, so that a refused source
  // leaves no trace (not even a new SQLite file).
  return with_connection(*from, true, [&](auto& source) -> Result<CopySummary> {
    auto snapshot = read_source(source);
    if (!snapshot) return tl::unexpected(snapshot.error());
    auto copied = with_connection(*to, false, [&](auto& destination) -> Result<CopySummary> {
      return copy_into(source, destination, *snapshot, progress);
    });
    (void)source.exec("ROLLBACK");  // ends the read transaction; nothing was written
    return copied;
  });
}

Result<std::vector<std::string>> copy_schema_differences(std::string_view url) {
  auto location = parse_location(url, "database");
  if (!location) return tl::unexpected(location.error());
  return with_connection(*location, true, [](auto& connection) { return schema_differences(connection); });
}

}  // namespace snag
