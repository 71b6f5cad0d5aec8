#include <iostream>
#include <memory>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>

namespace snag {

namespace {
struct KeyOptions {
  RuntimeOptions runtime;
  std::string name;
  std::string role;
  std::optional<std::string> team;
  std::optional<int> expires_in_days;
};
}  // namespace

void add_keys_command(CLI::App& app) {
  CLI::App* keys = app.add_subcommand("keys", "API keys");
  keys->require_subcommand(1);
  auto options = std::make_shared<KeyOptions>();
  CLI::App* create = keys->add_subcommand("create", "Create an API key; the secret is printed once, on the last line");
  add_store_options(*create, options->runtime);
  create->add_option("--name", options->name, "Who or what uses the key (shown in the journal)")->required();
  create->add_option("--role", options->role, "A role from the configuration, e.g. recruiter or admin")->required();
  create->add_option("--team", options->team, "The key holder's team, e.g. recruitment");
  create->add_option("--expires-in-days", options->expires_in_days, "Stop accepting the key after this many days")
      ->check(CLI::PositiveNumber);
  create->callback([options] {
    Runtime runtime(options->runtime);
    NewApiKey request{options->name, options->role, options->team, std::nullopt};
    if (options->expires_in_days) {
      request.expires_at = runtime.clock().now() + std::chrono::days{*options->expires_in_days};
    }
    auto issued = runtime.api_keys().create(request);
    if (!issued) {
      std::string message = issued.error().message;
      for (const auto& field : issued.error().fields) message += "\n  --" + field.field + ": " + field.message;
      throw std::runtime_error(message);
    }
    std::cout << "created API key " << issued->record.id.value << " '" << issued->record.name << "' (role "
              << issued->record.role << ")\n"
              << issued->secret << '\n';
  });
}

}  // namespace snag
