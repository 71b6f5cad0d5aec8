// snag change: record an ATS configuration change from a deployment script, and list them, as
// /api/v1/changes does. A release pipeline calls `snag change record` after it deploys.

#include <iostream>
#include <memory>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/operator_actor.hpp>

namespace snag {
namespace {

struct ChangeOptions {
  RuntimeOptions runtime;
  ChangeRecord change;
  std::string deployed_at;  // RFC 3339; now when empty
  std::size_t limit = 20;
};

[[noreturn]] void refuse(const Error& error) {
  std::string message = error.message;
  for (const auto& field : error.fields) message += "\n  " + field.field + ": " + field.message;
  throw std::runtime_error(message);
}

}  // namespace

void add_change_command(CLI::App& app) {
  CLI::App* change = app.add_subcommand("change", "ATS configuration changes that tickets and incidents link to");
  change->require_subcommand(1);

  auto record_options = std::make_shared<ChangeOptions>();
  CLI::App* record = change->add_subcommand("record", "Record a change (as POST /api/v1/changes)");
  add_store_options(*record, record_options->runtime);
  record->add_option("--id", record_options->change.id, "Your id for it, such as CHG-1042")->required();
  record->add_option("--summary", record_options->change.summary, "What changed")->required();
  record->add_option("--system", record_options->change.system, "The system changed, such as greenhouse")->required();
  record->add_option("--deployed-at", record_options->deployed_at, "When it went live (RFC 3339; default now)");
  record->add_option("--link", record_options->change.link, "Where it is described (an http(s) URL)");
  record->callback([record_options] {
    Runtime runtime(record_options->runtime);
    ChangeRecord draft = record_options->change;
    draft.deployed_at = runtime.clock().now();
    if (!record_options->deployed_at.empty()) {
      auto at = parse_rfc3339(record_options->deployed_at);
      if (!at) throw std::runtime_error("--deployed-at must be an RFC 3339 time such as 2026-12-01T09:00:00Z");
      draft.deployed_at = *at;
    }
    auto recorded = runtime.services().changes.record(operator_actor(), std::move(draft));
    if (!recorded) refuse(recorded.error());
    std::cout << "recorded change " << recorded->id << " deployed " << format_rfc3339(recorded->deployed_at) << '\n';
  });

  auto list_options = std::make_shared<ChangeOptions>();
  CLI::App* list = change->add_subcommand("list", "The most recently deployed changes");
  add_store_options(*list, list_options->runtime);
  list->add_option("--limit", list_options->limit, "How many (default 20)")->check(CLI::Range(1, 500));
  list->callback([list_options] {
    Runtime runtime(list_options->runtime);
    auto changes = runtime.services().changes.list(operator_actor(), list_options->limit);
    if (!changes) throw std::runtime_error(changes.error().message);
    for (const auto& recorded : *changes) {
      std::cout << format_rfc3339(recorded.deployed_at) << "  " << recorded.id << "  [" << recorded.system << "]  "
                << recorded.summary << '\n';
    }
  });
}

}  // namespace snag
