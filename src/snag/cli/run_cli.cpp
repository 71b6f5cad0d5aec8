#include <iostream>

#include <snag/cli/commands.hpp>

namespace snag {

int run_cli(int argc, char** argv) {
  CLI::App app{"Snag: problem tracking for hiring, beside your ATS"};
  app.set_version_flag("--version", "snag 0.1.0");
  app.require_subcommand(1);
  add_serve_command(app);
  add_db_command(app);
  add_audit_command(app);
  add_keys_command(app);
  add_clients_command(app);
  add_users_command(app);
  add_access_log_command(app);
  add_demo_command(app);
  add_dead_letters_command(app);
  add_rules_command(app);
  add_retention_command(app);
  add_report_command(app);
  add_export_command(app);
  add_change_command(app);
  add_mock_ats_command(app);
  add_import_command(app);
  add_sync_command(app);
  try {
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const std::exception& error) {
    // The one boundary of every command: a message for the user, exit status 1.
    std::cerr << "snag: " << error.what() << '\n';
    return 1;
  }
}

}  // namespace snag
