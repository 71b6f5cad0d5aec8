#include <fstream>
#include <iostream>
#include <memory>

#include <snag/app/access/access_log_reader.hpp>
#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>

namespace snag {

namespace {
struct ExportOptions {
  RuntimeOptions runtime;
  std::optional<std::string> output;
};
}  // namespace

void add_access_log_command(CLI::App& app) {
  CLI::App* access_log = app.add_subcommand("access-log", "The access log: who viewed, changed or exported what");
  access_log->require_subcommand(1);

  auto export_options = std::make_shared<ExportOptions>();
  CLI::App* export_command = access_log->add_subcommand("export", "Write the whole access log as CSV, oldest first");
  add_store_options(*export_command, export_options->runtime);
  export_command->add_option("--output", export_options->output, "A file to write (default: stdout)");
  export_command->callback([export_options] {
    Runtime runtime(export_options->runtime);
    std::ofstream file;
    if (export_options->output) {
      file.open(*export_options->output, std::ios::binary | std::ios::trunc);
      if (!file) throw std::runtime_error("cannot write " + *export_options->output);
    }
    std::ostream& out = export_options->output ? file : std::cout;
    out << access_log_csv_header();
    auto scanned = runtime.store().scan_access_log([&out](const AccessEntry& entry) {
      out << access_log_csv_row(entry);
      return static_cast<bool>(out);
    });
    if (!scanned) throw std::runtime_error(scanned.error().message);
    out.flush();
    if (!out) throw std::runtime_error("writing the export failed");
  });

  auto verify_options = std::make_shared<RuntimeOptions>();
  CLI::App* verify = access_log->add_subcommand("verify", "Check the access log's hash chain");
  add_store_options(*verify, *verify_options);
  verify->callback([verify_options] {
    Runtime runtime(*verify_options);
    auto verdict = verify_access_log(runtime.store());
    if (!verdict) throw std::runtime_error(verdict.error().message);
    if (verdict->ok) {
      std::cout << "ok " << verdict->checked << " entries\n";
      return;
    }
    std::cout << "broken at entry " << *verdict->broken_seq << ": " << verdict->reason << '\n';
    throw CLI::RuntimeError(1);
  });
}

}  // namespace snag
