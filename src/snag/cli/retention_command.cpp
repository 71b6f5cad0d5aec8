// snag retention: what the daily retention job would purge (`plan`, a dry run that changes
// nothing) and running it now (`run`, with a progress bar). Both read the `retention:` rules of
// the configuration given with --config (the built-in ones otherwise).

#include <iostream>
#include <memory>

#include <snag/app/compliance/retention.hpp>
#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/progress_bar.hpp>

namespace snag {
namespace {

RetentionPlan plan_or_throw(Runtime& runtime) {
  auto plan = plan_retention(runtime.store(), runtime.settings().retention, runtime.clock().now());
  if (!plan) throw std::runtime_error(plan.error().message);
  return std::move(*plan);
}

void print_summary(const RetentionPlan& plan, std::string_view verb) {
  std::cout << plan.due.size() << " tickets " << verb << " (" << plan.examined << " examined, " << plan.held
            << " kept by a legal hold)\n";
}

}  // namespace

void add_retention_command(CLI::App& app) {
  CLI::App* retention = app.add_subcommand("retention", "Purge tickets whose retention period is over");
  retention->require_subcommand(1);

  auto plan_options = std::make_shared<RuntimeOptions>();
  CLI::App* plan = retention->add_subcommand("plan", "List what the next retention run would purge; changes nothing");
  add_store_options(*plan, *plan_options);
  plan->callback([plan_options] {
    Runtime runtime(*plan_options);
    const RetentionPlan planned = plan_or_throw(runtime);
    for (const DueTicket& due : planned.due) {
      std::cout << ticket_key(due.ticket) << '\t' << due.issue_type << '\t' << format_rfc3339(due.deadline.at) << '\t'
                << describe(due.deadline) << '\n';
    }
    print_summary(planned, "would be purged");
  });

  auto run_options = std::make_shared<RuntimeOptions>();
  CLI::App* run = retention->add_subcommand("run", "Purge what is due now, as the daily job does");
  add_store_options(*run, *run_options);
  run->callback([run_options] {
    Runtime runtime(*run_options);
    const RetentionPlan planned = plan_or_throw(runtime);
    ProgressBar progress("purging", planned.due.size(), ProgressBar::stderr_is_terminal());
    auto purged = purge_tickets(runtime.store(), planned.due, runtime.clock().now(),
                                [&](std::size_t done, std::size_t) { progress.update(done, done); });
    if (!purged) throw std::runtime_error(purged.error().message);
    progress.finish(planned.due.size());
    std::cout << "purged " << *purged << " tickets (" << planned.examined << " examined, " << planned.held
              << " kept by a legal hold)\n";
  });
}

}  // namespace snag
