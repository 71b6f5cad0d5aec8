// snag mock-ats: a stand-in ATS for demos and tests. It serves a Greenhouse-Harvest-style API
// from generated candidates (--listen) and sends signed Greenhouse or Lever webhooks about the
// same candidates to a Snag URL (--send-to), with repeats, shuffling and delays on request.
// With --listen it serves until SIGINT or SIGTERM; with only --send-to it exits once all is sent.

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include <pthread.h>
#include <signal.h>

#include <snag/cli/commands.hpp>
#include <snag/cli/mock_ats/candidate_data.hpp>
#include <snag/cli/mock_ats/candidate_pages.hpp>
#include <snag/cli/mock_ats/harvest_api.hpp>
#include <snag/cli/mock_ats/tiny_server.hpp>
#include <snag/cli/mock_ats/webhook_payloads.hpp>
#include <snag/cli/mock_ats/webhook_sender.hpp>
#include <snag/net/beast_http_client.hpp>
#include <snag/net/url.hpp>

namespace snag {

namespace {

struct MockAtsOptions {
  std::optional<std::string> listen;
  std::size_t candidates = 500;
  std::uint64_t seed = 1;
  std::optional<std::string> api_key;
  std::size_t throttle_every = 0;
  bool order_by_id = false;
  std::optional<std::string> widget_from;  // a Snag's URL: serve candidate pages embedding its widget
  std::string connector = "demo-ats";

  std::optional<std::string> send_to;
  std::string vendor = "greenhouse";
  std::string secret;
  std::size_t count = 100;
  double rate = 0;
  double duplicates = 0;
  bool shuffle = false;
  std::int64_t delay_ms = 0;
  std::size_t connections = 1;
  std::optional<std::string> accepted_log;
};

// SIGINT and SIGTERM, turned into a flag that the sender polls and the server's wait watches.
// The signals are blocked in every thread (threads inherit the mask of the thread that starts
// them) and taken by one thread with sigwait, so no handler runs at an arbitrary moment.
class StopSignal {
 public:
  StopSignal() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    // Detached, with state it shares: it may still wait in sigwait when the command returns.
    std::thread([state = m_state, signals] {
      int received = 0;
      sigwait(&signals, &received);
      {
        std::lock_guard lock(state->mutex);
        state->stop = true;
      }
      state->stopped.notify_all();
    }).detach();
  }

  const std::atomic<bool>& flag() const { return m_state->stop; }
  void wait() {
    std::unique_lock lock(m_state->mutex);
    m_state->stopped.wait(lock, [&] { return m_state->stop.load(); });
  }

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable stopped;
    std::atomic<bool> stop{false};
  };
  std::shared_ptr<State> m_state = std::make_shared<State>();
};

void send_webhooks(const MockAtsOptions& options, const std::vector<mock_ats::MockCandidate>& candidates,
                   const std::atomic<bool>& stop) {
  mock_ats::DeliveryPlan plan;
  plan.vendor = options.vendor == "lever"               ? mock_ats::WebhookVendor::lever
                : options.vendor == "standard_webhooks" ? mock_ats::WebhookVendor::standard_webhooks
                                                        : mock_ats::WebhookVendor::greenhouse;
  plan.secret = options.secret;
  plan.count = options.count;
  plan.seed = options.seed;
  plan.duplicates = options.duplicates;
  plan.shuffle = options.shuffle;
  plan.repeat_delay = std::chrono::milliseconds(options.delay_ms);
  const auto deliveries = mock_ats::plan_deliveries(plan, candidates);

  mock_ats::SendOptions send;
  send.url = *options.send_to;
  send.rate = options.rate;
  send.connections = options.connections;
  std::ofstream accepted;
  if (options.accepted_log) {
    accepted.open(*options.accepted_log, std::ios::trunc);
    if (!accepted) throw std::runtime_error("--accepted-log: cannot write " + *options.accepted_log);
    // Flushed per line: a test that kills the receiver reads every id acknowledged until then.
    send.on_accepted = [&accepted](const mock_ats::MockDelivery& delivery) {
      accepted << delivery.event_id << std::endl;
    };
  }
  BeastHttpClient http;
  const auto report = mock_ats::send_deliveries(http, deliveries, send, stop);
  std::cout << "sent " << report.sent << " deliveries (" << report.repeats << " repeats): " << report.succeeded
            << " 2xx, " << report.rejected << " non-2xx, " << report.failed << " failed\n";
  for (const auto& [status, count] : report.statuses) {
    std::cout << "  HTTP " << status << ": " << count << '\n';
  }
  std::cout.flush();
}

void run_mock_ats(const MockAtsOptions& options) {
  if (!options.listen && !options.send_to) throw std::runtime_error("give --listen, --send-to or both");
  if (options.send_to) {
    if (auto url = parse_url(*options.send_to); !url) throw std::runtime_error("--send-to: " + url.error().message);
    if (options.secret.empty()) throw std::runtime_error("--send-to needs --secret to sign the webhooks with");
  }
  StopSignal stop;
  auto candidates = mock_ats::generate_candidates(options.candidates, options.seed);
  std::unique_ptr<mock_ats::TinyServer> server;
  std::shared_ptr<mock_ats::HarvestApi> api;
  std::shared_ptr<mock_ats::CandidatePages> pages;
  if (options.listen) {
    api = std::make_shared<mock_ats::HarvestApi>(
        candidates, mock_ats::HarvestApiOptions{options.api_key, options.throttle_every, options.order_by_id});
    if (options.widget_from) {
      pages = std::make_shared<mock_ats::CandidatePages>(
          candidates, mock_ats::CandidatePageOptions{*options.widget_from, options.connector});
    }
    auto started = mock_ats::TinyServer::start(*options.listen, [api, pages](const mock_ats::MockRequest& request) {
      if (pages) {
        if (auto page = pages->handle(request)) return std::move(*page);
      }
      return api->handle(request);
    });
    if (!started) throw std::runtime_error(started.error().message);
    server = std::move(*started);
    // Tests and scripts read the port from this line: keep its shape.
    std::cout << "listening on " << server->url() << std::endl;
  }
  if (options.send_to) send_webhooks(options, candidates, stop.flag());
  if (server) {
    stop.wait();
    server->stop();
  }
}

}  // namespace

void add_mock_ats_command(CLI::App& app) {
  auto options = std::make_shared<MockAtsOptions>();
  CLI::App* command = app.add_subcommand(
      "mock-ats", "A stand-in ATS: serves a Harvest-style API and sends signed webhooks, for demos and tests");
  command->add_option("--listen", options->listen, "Serve GET /v1/candidates on HOST:PORT (port 0: any free port)");
  command->add_option("--candidates", options->candidates, "How many candidates to generate")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--seed", options->seed, "Seed of the generated data and webhooks")->capture_default_str();
  command->add_option("--api-key", options->api_key, "Require this key as the Basic auth user name");
  command->add_option("--throttle-every", options->throttle_every,
                      "Answer every Nth request with 429 and Retry-After: 1");
  command->add_flag("--order-by-id", options->order_by_id,
                    "List candidates by id rather than by updated_at, as APIs that promise no order may");
  command->add_option(
      "--widget-from", options->widget_from,
      "Also serve candidate pages (/ and /candidates/ID) that embed the widget of the Snag at this URL");
  command->add_option("--connector", options->connector, "The Snag connector the widget files under")
      ->capture_default_str();
  command->add_option("--send-to", options->send_to, "Send webhooks to this URL, e.g. http://127.0.0.1:8080/hooks/gh");
  command->add_option("--vendor", options->vendor,
                      "Whose webhooks to send (standard_webhooks: Snag's own events, some of which open tickets)")
      ->capture_default_str()
      ->check(CLI::IsMember({"greenhouse", "lever", "standard_webhooks"}));
  command->add_option("--secret", options->secret,
                      "The connector's secret (Lever: its signature token; Standard Webhooks: whsec_…)");
  command->add_option("--count", options->count, "How many distinct events to send")->capture_default_str();
  command->add_option("--rate", options->rate, "Deliveries per second (0: as fast as answered)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--duplicates", options->duplicates, "Share of events delivered twice with the same id (0-1)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  command->add_flag("--shuffle", options->shuffle, "Deliver the events in a random order");
  command->add_option("--delay-ms", options->delay_ms, "Send each repeat this long after the first delivery")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--connections", options->connections, "Deliveries in flight at once")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--accepted-log", options->accepted_log,
                      "Write the event id of every delivery answered 2xx to this file, one per line");
  command->callback([options] { run_mock_ats(*options); });
}

}  // namespace snag
