// snag sync --connector ID: one batch sync now, as the ats.sync job runs it every 15 minutes (see
// integrations/sync/batch_sync.hpp): for a first load, after an outage, or to check a
// connector's api_url and api_key.

#include <iostream>
#include <memory>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/integrations/sync/batch_sync.hpp>
#include <snag/net/beast_http_client.hpp>

namespace snag {

namespace {

struct SyncOptions {
  RuntimeOptions runtime;
  std::string connector;
  int per_page = 500;
};

void run_sync(const SyncOptions& options) {
  Runtime runtime(options.runtime);
  BeastHttpClient http(outbound_options(runtime.settings().outbound));
  sync::SyncSettings settings;
  settings.per_page = options.per_page;
  const sync::BatchSync batch(runtime.store(), http, runtime.integrations().applier, runtime.clock(), settings);
  auto report = batch.sync(options.connector);
  if (!report) throw std::runtime_error(report.error().message);
  std::cout << "synced connector " << options.connector << ": " << report->pages << " pages, " << report->candidates
            << " candidates (" << report->created << " new, " << report->superseded << " older than what Snag had), "
            << report->skipped << " skipped";
  if (report->rate_limit_waits > 0) std::cout << ", " << report->rate_limit_waits << " waits for the rate limit";
  std::cout << "\nwatermark " << (report->watermark ? format_rfc3339(*report->watermark) : "none") << '\n';
}

}  // namespace

void add_sync_command(CLI::App& app) {
  auto options = std::make_shared<SyncOptions>();
  CLI::App* command =
      app.add_subcommand("sync", "Pull a connector's candidates from its ATS API now (batch and hybrid modes)");
  add_store_options(*command, options->runtime);
  command->add_option("--connector", options->connector, "The connector to sync")->required();
  command->add_option("--per-page", options->per_page, "Candidates per page (Harvest allows 1 to 500)")
      ->capture_default_str()
      ->check(CLI::Range(1, 500));
  command->callback([options] { run_sync(*options); });
}

}  // namespace snag
