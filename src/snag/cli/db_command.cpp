#include <unistd.h>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/storage/copy/database_copy.hpp>
#include <snag/storage/open_store.hpp>

namespace snag {

namespace {

struct CopyOptions {
  std::string from;
  std::string to;
  bool quiet = false;
};

// One line per table on stderr, redrawn in place at most ten times a second and left behind,
// complete, once the table is done: "journal (3/6)  120000/480000  25%".
class CopyProgressLine {
 public:
  void operator()(const CopyProgress& progress) {
    const auto now = std::chrono::steady_clock::now();
    const bool new_table = progress.table != m_table;
    if (!progress.done && !new_table && now - m_last_drawn < std::chrono::milliseconds(100)) return;
    m_table = std::string(progress.table);
    m_last_drawn = now;
    const std::int64_t percent = progress.total > 0 ? progress.copied * 100 / progress.total : 100;
    std::ostringstream line;
    line << '\r' << std::left << std::setw(24)
         << (m_table + " (" + std::to_string(progress.table_index + 1) + "/" + std::to_string(progress.table_count) + ")")
         << std::right << std::setw(12) << progress.copied << "/" << progress.total << "  " << std::setw(3) << percent
         << "%\x1b[K";  // erase what a longer line left
    if (progress.done) line << '\n';
    m_open = !progress.done;
    std::cerr << line.str() << std::flush;
  }

  // Ends a line left open by a copy that failed, so that the error starts a line of its own.
  void close() {
    if (m_open) std::cerr << '\n';
    m_open = false;
  }

 private:
  std::string m_table;
  std::chrono::steady_clock::time_point m_last_drawn;
  bool m_open = false;
};

void add_copy_command(CLI::App& db) {
  auto options = std::make_shared<CopyOptions>();
  CLI::App* copy = db.add_subcommand(
      "copy", "Copy a whole installation into an empty database, e.g. from SQLite to PostgreSQL");
  copy->add_option("--from", options->from,
                   "The source, sqlite:PATH or postgresql://…; only read, must be at the latest schema version")
      ->required();
  copy->add_option("--to", options->to,
                   "The destination, sqlite:PATH or postgresql://…; created and migrated if missing, must hold no "
                   "data")
      ->required();
  copy->add_flag("--quiet", options->quiet, "No progress lines");
  copy->callback([options] {
    CopyProgressLine line;
    CopyProgressCallback progress;
    if (!options->quiet && isatty(STDERR_FILENO) == 1) progress = [&line](const CopyProgress& at) { line(at); };
    auto summary = copy_database(options->from, options->to, progress);
    line.close();
    if (!summary) throw std::runtime_error(summary.error().message);
    std::int64_t rows = 0;
    for (const auto& table : summary->tables) rows += table.rows;
    std::cout << "copied " << rows << " rows:\n";
    for (const auto& table : summary->tables) {
      std::cout << "  " << std::left << std::setw(18) << table.table << std::right << std::setw(12) << table.rows
                << '\n';
    }
  });
}

}  // namespace

void add_db_command(CLI::App& app) {
  CLI::App* db = app.add_subcommand("db", "Database maintenance");
  db->require_subcommand(1);
  auto options = std::make_shared<RuntimeOptions>();
  CLI::App* migrate = db->add_subcommand("migrate", "Create the database if missing and apply pending migrations");
  add_store_options(*migrate, *options);
  migrate->callback([options] {
    const Settings settings = load_settings_or_throw(*options);
    auto version = migrate_database(settings.server.database);
    if (!version) throw std::runtime_error(version.error().message);
    std::cout << "schema version " << *version << '\n';
  });
  add_copy_command(*db);
}

}  // namespace snag
