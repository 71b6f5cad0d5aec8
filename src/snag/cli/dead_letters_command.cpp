#include <iostream>
#include <memory>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/cli/operator_actor.hpp>

namespace snag {

namespace {

struct DeadLetterOptions {
  RuntimeOptions runtime;
  std::optional<std::int64_t> id;
  std::optional<std::string> connector;
};

}  // namespace

void add_dead_letters_command(CLI::App& app) {
  CLI::App* dead_letters =
      app.add_subcommand("dead-letters", "Webhook deliveries that failed every attempt, and their replay");
  dead_letters->require_subcommand(1);

  auto list_options = std::make_shared<DeadLetterOptions>();
  CLI::App* list = dead_letters->add_subcommand("list", "Print the dead letters, one per line, oldest first");
  add_store_options(*list, list_options->runtime);
  list->add_option("--connector", list_options->connector, "Only this connector's");
  list->callback([list_options] {
    Runtime runtime(list_options->runtime);
    DeadLetterQuery query;
    query.connector = list_options->connector;
    query.limit = 200;
    for (;;) {
      auto page = runtime.integrations().connectors.dead_letters(operator_actor(), query);
      if (!page) throw std::runtime_error(page.error().message);
      for (const auto& delivery : page->items) {
        std::cout << delivery.id.value << '\t' << delivery.connector << '\t' << delivery.event_id << '\t'
                  << delivery.attempts << " attempts\t" << delivery.last_error.value_or("") << '\n';
      }
      if (!page->next_after) break;
      query.after = page->next_after;
    }
  });

  auto replay_options = std::make_shared<DeadLetterOptions>();
  CLI::App* replay = dead_letters->add_subcommand(
      "replay", "Queue dead letters for processing again (a running `snag serve` picks them up)");
  add_store_options(*replay, replay_options->runtime);
  replay->add_option("--id", replay_options->id, "Only this dead letter")->check(CLI::PositiveNumber);
  replay->add_option("--connector", replay_options->connector, "Only this connector's");
  replay->callback([replay_options] {
    Runtime runtime(replay_options->runtime);
    std::optional<DeliveryId> id;
    if (replay_options->id) id = DeliveryId{*replay_options->id};
    auto replayed = runtime.integrations().connectors.replay(operator_actor(), id, replay_options->connector);
    if (!replayed) throw std::runtime_error(replayed.error().message);
    std::cout << "replayed " << *replayed << '\n';
  });
}

}  // namespace snag
