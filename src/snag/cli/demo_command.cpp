#include <iostream>
#include <memory>
#include <string_view>

#include <snag/app/automation/sla_sweep.hpp>
#include <snag/app/demo_seeder.hpp>
#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/operator_actor.hpp>

namespace snag {

namespace {
struct DemoCommandOptions {
  RuntimeOptions runtime;
  DemoOptions demo;
  bool quiet = false;
  bool if_empty = false;
};

void print_logins(const std::vector<DemoLogin>& logins) {
  std::cout << "demo logins (web sign-in: username, password '" << k_demo_password
            << "'; API: send the key as 'Authorization: Bearer <key>'):\n";
  for (const auto& login : logins) {
    std::cout << "  " << login.name << " (" << login.role << ", " << login.team << "): username " << login.username
              << ", key " << login.api_key << '\n';
  }
}

// The demo's ATS feed: `make run` points `snag mock-ats` at it. The secret is public, like the
// demo password: a demo database is for trying Snag out, not for candidates' data.
constexpr std::string_view k_demo_connector = "demo-ats";
constexpr std::string_view k_demo_connector_secret = "whsec_ZGVtby1hdHMtc2VjcmV0LW5vdC1mb3ItcmVhbC11c2U=";

void ensure_demo_connector(Runtime& runtime) {
  auto& connectors = runtime.integrations().connectors;
  auto existing = connectors.get(operator_actor(), k_demo_connector);
  if (!existing && existing.error().code != ErrorCode::not_found) throw std::runtime_error(existing.error().message);
  if (!existing) {
    Connector connector;
    connector.id = std::string(k_demo_connector);
    connector.vendor = "standard_webhooks";
    connector.ats = std::string(k_demo_connector);
    connector.secrets = {std::string(k_demo_connector_secret)};
    auto created = connectors.create(operator_actor(), std::move(connector));
    if (!created) throw std::runtime_error(created.error().message);
  }
  std::cout << "demo ATS connector: POST /hooks/" << k_demo_connector << " (Standard Webhooks, secret "
            << k_demo_connector_secret << ")\n";
}

bool has_tickets(Store& store) {
  TicketQuery first;
  first.limit = 1;
  auto page = store.list_tickets(first);
  if (!page) throw std::runtime_error(page.error().message);
  return !page->items.empty();
}
}  // namespace

void add_demo_command(CLI::App& app) {
  auto options = std::make_shared<DemoCommandOptions>();
  CLI::App* demo = app.add_subcommand("demo", "Seed a demo org: people, candidates and a year of tickets");
  add_store_options(*demo, options->runtime);
  demo->add_option("--tickets", options->demo.tickets, "How many tickets")->capture_default_str()->check(CLI::NonNegativeNumber);
  demo->add_option("--candidates", options->demo.candidates, "How many candidates")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  demo->add_option("--seed", options->demo.seed, "Random seed (the same seed seeds the same org)")->capture_default_str();
  demo->add_flag("--quiet", options->quiet, "No progress line");
  demo->add_flag("--if-empty", options->if_empty, "Seed only a database without tickets; always print the logins");
  demo->callback([options] {
    Runtime runtime(options->runtime);
    if (options->if_empty && has_tickets(runtime.store())) {
      std::cout << "the database already has tickets; not seeding\n";
      print_logins(demo_logins(runtime.settings().catalog, options->demo.users));
      ensure_demo_connector(runtime);
      return;
    }
    DemoOptions seeding = options->demo;
    if (!options->quiet) {
      seeding.progress = [](std::int64_t done, std::int64_t total) {
        std::cerr << "\rseeding tickets " << done << "/" << total << std::flush;
        if (done == total) std::cerr << '\n';
      };
    }
    auto summary = seed_demo(runtime.store(), runtime.settings().catalog, runtime.clock(), runtime.api_keys(),
                             runtime.services().sessions, seeding);
    if (!summary) throw std::runtime_error(summary.error().message);
    // The seeded tickets span a year, so most of their SLA points passed long ago. One sweep now
    // gives the demo org its breaches and escalations, as if Snag had run all along, instead of
    // a burst of them in the first minute of serving.
    auto swept = run_sla_sweep(runtime.store(), runtime.services().router, runtime.clock().now());
    if (!swept) throw std::runtime_error(swept.error().message);
    std::cout << "seeded " << summary->candidates << " candidates and " << summary->tickets << " tickets\n";
    print_logins(summary->logins);
    ensure_demo_connector(runtime);
  });
}

}  // namespace snag
