#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>

#include <snag/app/event_hub.hpp>
#include <snag/cli/background_work.hpp>
#include <snag/cli/commands.hpp>
#include <snag/cli/database_option.hpp>
#include <snag/http/server.hpp>
#include <snag/http/web_app.hpp>
#include <snag/util/heap_trimmer.hpp>
#include <snag/util/log.hpp>

namespace snag {
namespace {

// How often an idle node looks for deliveries it was not woken for (stored by other nodes,
// retries coming due).
constexpr auto k_inbox_poll = std::chrono::milliseconds(1000);
// How often the heap's free memory goes back to the operating system (util/heap_trimmer.hpp).
constexpr auto k_heap_trim_every = std::chrono::seconds(30);

// The web app from server.web_root or, when that is not set, from web/dist of the checkout the
// binary was built in (build/snag → web/dist), where `make build` puts it. A root that was set
// and cannot be served stops the start; without the default one, the API alone is served.
std::optional<http::WebApp> load_web_app(const ServerSettings& server) {
  std::filesystem::path root = server.web_root;
  const bool configured = !root.empty();
  if (!configured) {
    std::error_code ignored;
    root = std::filesystem::read_symlink("/proc/self/exe", ignored).parent_path().parent_path() / "web" / "dist";
    if (!std::filesystem::exists(root / "index.html", ignored)) {
      log_event(spdlog::level::info, "no web app built (make build); serving the API alone");
      return std::nullopt;
    }
  }
  auto app = http::WebApp::load(root);
  if (!app) throw std::runtime_error("server.web_root: " + app.error().message);
  log_event(spdlog::level::info, "serving the web app", {{"root", root.string()}, {"files", app->file_count()}});
  return std::move(*app);
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<RuntimeOptions>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the HTTP API (and the web UI when web/dist exists)");
  serve->add_option("--listen", options->listen, "HOST:PORT to listen on; port 0 picks a free port");
  serve->add_option("--tls-cert", options->tls_cert, "PEM certificate chain: serve HTTPS (with --tls-key)");
  serve->add_option("--tls-key", options->tls_key, "PEM private key of --tls-cert");
  add_store_options(*serve, *options);
  serve->callback([options] {
    const Settings settings = load_settings_or_throw(*options);
    init_json_logging(settings.server.log_level);
    log_event(spdlog::level::info, "starting", {{"listen", settings.server.listen}});
    Runtime runtime(*options);
    const HeapTrimmer heap_trimmer(k_heap_trim_every);
    // The rules stored through the API, if any, rule from the start.
    if (auto installed = runtime.services().rules.refresh(); !installed) {
      throw std::runtime_error(installed.error().message +
                               "; restore the configuration it was written for, or store fitting rules with `snag rules replace`");
    }
    // Jobs this node leases and, while it leads, the scheduler's tick.
    BackgroundWork background(runtime);
    // Webhook deliveries in the inbox, this node's and the other nodes'.
    runtime.integrations().processor.start(k_inbox_poll);
    const std::unique_ptr<InboxProcessor, void (*)(InboxProcessor*)> stop_processing(
        &runtime.integrations().processor, [](InboxProcessor* processor) { processor->stop(); });
    // Ticket changes for GET /api/v1/events, this node's and (on PostgreSQL) every other's.
    EventHub events(runtime.store());
    if (auto started = events.start(); !started) {
      throw std::runtime_error("cannot read the journal for live updates: " + started.error().message);
    }
    const auto web_app = load_web_app(settings.server);
    HttpServices services(runtime.services(), runtime.integrations(), runtime.store(), runtime.settings().catalog,
                          events, runtime.settings().outbound);
    services.web_app = web_app ? &*web_app : nullptr;
    services.retention = &runtime.settings().retention;
    HttpServer server(runtime.settings().server, services);
    // The hub stops before the server goes, also when run() throws: its thread must not wake a
    // stream whose connection is being destroyed with the server's io_context.
    const std::unique_ptr<EventHub, void (*)(EventHub*)> stop_events(&events, [](EventHub* hub) { hub->stop(); });
    background.serving_on(server.port());
    // Tests and scripts read the port from this line when they asked for port 0.
    log_event(
        spdlog::level::info, "listening",
        {{"listen", settings.server.listen}, {"port", server.port()}, {"tls", !settings.server.tls_cert.empty()}});
    server.run();
    log_event(spdlog::level::info, "stopped");
  });
}

}  // namespace snag
