#include <memory>

#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/http/server.hpp>
#include <snag/util/log.hpp>

namespace snag {

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<RuntimeOptions>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the HTTP API (and the web UI when web/dist exists)");
  serve->add_option("--listen", options->listen, "HOST:PORT to listen on; port 0 picks a free port");
  add_store_options(*serve, *options);
  serve->callback([options] {
    const Settings settings = load_settings_or_throw(*options);
    init_json_logging(settings.server.log_level);
    log_event(spdlog::level::info, "starting", {{"listen", settings.server.listen}});
    Runtime runtime(*options);
    HttpServer server(runtime.settings().server,
                      HttpServices{runtime.tickets(), runtime.candidates(), runtime.api_keys(), runtime.store(),
                                   runtime.settings().catalog});
    // Tests and scripts read the port from this line when they asked for port 0.
    log_event(spdlog::level::info, "listening", {{"listen", settings.server.listen}, {"port", server.port()}});
    server.run();
    log_event(spdlog::level::info, "stopped");
  });
}

}  // namespace snag
