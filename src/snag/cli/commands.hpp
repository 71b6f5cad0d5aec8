#pragma once
// Each subcommand registers itself on the CLI11 app and runs through one catch in run_cli.

#include <CLI/CLI.hpp>

namespace snag {

void add_serve_command(CLI::App& app);
void add_db_command(CLI::App& app);
void add_audit_command(CLI::App& app);
void add_keys_command(CLI::App& app);
void add_clients_command(CLI::App& app);
void add_users_command(CLI::App& app);
void add_access_log_command(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_dead_letters_command(CLI::App& app);
void add_mock_ats_command(CLI::App& app);
void add_import_command(CLI::App& app);
void add_sync_command(CLI::App& app);
void add_rules_command(CLI::App& app);
void add_retention_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_change_command(CLI::App& app);

// The process exit code.
int run_cli(int argc, char** argv);

}  // namespace snag
