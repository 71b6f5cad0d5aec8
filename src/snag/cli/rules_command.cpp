// snag rules: the automation rules from the server's shell, as /api/v1/rules offers them. Also
// the way out when `snag serve` refuses to start because the newest stored rules no longer fit
// the configuration: store fitting ones with `snag rules replace`.

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/operator_actor.hpp>

namespace snag {
namespace {

struct RulesOptions {
  RuntimeOptions runtime;
  std::string file;
};

std::string read_document(const std::string& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw std::runtime_error("cannot read " + file);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

// A refused document's message names the line and the rule; the error's own message only the field.
[[noreturn]] void refuse(const Error& error) {
  throw std::runtime_error(error.fields.empty() ? error.message : error.fields.front().message);
}

}  // namespace

void add_rules_command(CLI::App& app) {
  CLI::App* rules = app.add_subcommand("rules", "The automation rules stored through /api/v1/rules");
  rules->require_subcommand(1);

  auto show_options = std::make_shared<RulesOptions>();
  CLI::App* show = rules->add_subcommand("show", "Print the newest rules (the configuration's when none is stored)");
  add_store_options(*show, show_options->runtime);
  show->callback([show_options] {
    Runtime runtime(show_options->runtime);
    auto versions = runtime.services().rules.versions(operator_actor());
    if (!versions) throw std::runtime_error(versions.error().message);
    auto newest = runtime.services().rules.version(operator_actor(), versions->empty() ? 0 : versions->front().version);
    if (!newest) throw std::runtime_error(newest.error().message);
    std::cerr << "version " << newest->stored.version << " (" << newest->stored.created_by << ")\n";
    std::cout << newest->stored.yaml;
  });

  auto validate_options = std::make_shared<RulesOptions>();
  CLI::App* validate = rules->add_subcommand("validate", "Check a rules document against the configuration");
  add_store_options(*validate, validate_options->runtime);
  validate->add_option("file", validate_options->file, "A YAML document whose one member is `rules:`")->required();
  validate->callback([validate_options] {
    Runtime runtime(validate_options->runtime);
    auto checked = runtime.services().rules.validate(operator_actor(), read_document(validate_options->file));
    if (!checked) refuse(checked.error());
    std::cout << "ok: " << checked->rules.size() << " rules\n";
  });

  auto replace_options = std::make_shared<RulesOptions>();
  CLI::App* replace = rules->add_subcommand(
      "replace", "Store a rules document as the next version (running nodes put it in force within seconds)");
  add_store_options(*replace, replace_options->runtime);
  replace->add_option("file", replace_options->file, "A YAML document whose one member is `rules:`")->required();
  replace->callback([replace_options] {
    Runtime runtime(replace_options->runtime);
    auto stored = runtime.services().rules.replace(operator_actor(), read_document(replace_options->file), std::nullopt);
    if (!stored) refuse(stored.error());
    std::cout << "stored version " << stored->stored.version << " (" << stored->stored.rule_count << " rules)\n";
  });
}

}  // namespace snag
