#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include <snag/cli/runtime.hpp>

namespace snag {

// --database URL and --config FILE, shared by every command that opens the store.
inline void add_store_options(CLI::App& command, RuntimeOptions& options) {
  command.add_option("--database", options.database, "sqlite:PATH or postgresql://… (created and migrated if missing)");
  command.add_option("--config", options.config_file, "YAML configuration file (see config/snag.example.yaml)")
      ->check(CLI::ExistingFile);
}

}  // namespace snag
