#include <iostream>
#include <memory>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/storage/open_store.hpp>

namespace snag {

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
}

}  // namespace snag
