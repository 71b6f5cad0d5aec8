// synthetic.probe and synthetic.check over a real store, with the real intake, inbox and rules
// behind a loopback client and a manual clock: the probe raises its alert when ingestion stops
// and clears it when ingestion resumes.

#include "../app/fake_store.hpp"
#include "job_fixtures.hpp"
#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/integrations/inbox_processor.hpp>
#include <snag/integrations/webhook_intake.hpp>
#include <snag/jobs/synthetic_probe_job.hpp>

namespace snag {
namespace synthetic_probe_test {

using namespace std::chrono_literals;

// Takes the probe's request as POST /hooks/{connector} does: through WebhookIntake.
class IntakeClient final : public HttpClient {
 public:
  explicit IntakeClient(WebhookIntake& intake) : m_intake(intake) {}

  Result<HttpClientResponse> send(const HttpClientRequest& request) override {
    ++requests;
    ats::WebhookHeaders headers;
    for (const auto& [name, value] : request.headers) headers.add(name, value);
    const std::string connector = request.url.substr(request.url.rfind('/') + 1);
    HttpClientResponse response;
    auto received = m_intake.receive(connector, request.body, headers);
    response.status = received ? 202 : 404;
    return response;
  }

  int requests = 0;

 private:
  WebhookIntake& m_intake;
};

class SyntheticProbeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store);
    target.serving_on(8080);
  }

  // Leases and runs every job due now, as the job runner does.
  void run_due() {
    for (const Job& job : testing::lease_due_jobs(*store, clock.now())) {
      JobContext context(*store, job, clock.now());
      const auto& handler = job.kind == k_synthetic_probe_job ? probe : check;
      auto ran = handler(job, context);
      EXPECT_TRUE(ran) << job.kind << ": " << ran.error().message;
      if (ran && !context.completed()) {
        EXPECT_TRUE(store->write([&](WriteTransaction& tx) { return tx.complete_job(job, clock.now()); }));
      }
    }
  }

  // One probe from its slot to its verdict (the threshold is a minute).
  void probe_once(bool ingesting) {
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto enqueued = tx.enqueue_job(periodic_slot_job(*synthetic_probe_schedule(policy), clock.now()), clock.now());
      if (!enqueued) return tl::unexpected(enqueued.error());
      return {};
    }));
    run_due();
    if (ingesting) {
      ASSERT_TRUE(inbox.process_due());
    }
    clock.advance(ingesting ? 6s : 61s);
    run_due();
    clock.advance(5min);
  }

  SyntheticState state() {
    auto stored = read_synthetic_state(*store);
    EXPECT_TRUE(stored && *stored);
    return stored && *stored ? **stored : SyntheticState{};
  }

  std::vector<Ticket> alert_tickets() {
    TicketQuery query;
    query.types = {"data_sync_mismatch"};
    auto page = store->list_tickets(query);
    EXPECT_TRUE(page) << page.error().message;
    return page ? page->items : std::vector<Ticket>{};
  }

  std::vector<Ticket> synthetic_tickets() {
    std::vector<Ticket> tickets;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto found = tx.candidate_tickets(synthetic_candidate());
      if (!found) return tl::unexpected(found.error());
      tickets = std::move(*found);
      return {};
    }));
    return tickets;
  }

  testing::TestDatabase database;
  std::unique_ptr<Store> store = database.open();
  testing::ManualClock clock{from_epoch_ms(1'795'000'000'000)};
  SyntheticPolicy policy;
  SyntheticMonitor monitor{testing::default_catalog(), testing::default_router(), policy};
  AtsPolicy ats;
  EventApplier applier{testing::default_catalog(), testing::default_router()};
  InboxProcessor inbox{*store, clock, applier, ats, "test-node"};
  WebhookIntake intake{*store, clock, [] {}};
  std::shared_ptr<IntakeClient> client = std::make_shared<IntakeClient>(intake);
  LoopbackTarget target;
  JobHandler probe = make_synthetic_probe_handler(monitor, client, target);
  JobHandler check = make_synthetic_check_handler(monitor);
};

TEST_F(SyntheticProbeTest, AProbeThroughTheWebhookPathSucceedsAndLeavesNoTicket) {
  probe_once(true);
  EXPECT_EQ(client->requests, 1);
  const SyntheticState after = state();
  EXPECT_EQ(after.probes_ok, 1);
  EXPECT_EQ(after.consecutive_failures, 0);
  EXPECT_EQ(after.last_latency, 0ms) << "the manual clock stood still while the inbox ran";
  EXPECT_FALSE(after.pending);
  EXPECT_TRUE(synthetic_tickets().empty());
  EXPECT_TRUE(alert_tickets().empty());
  EXPECT_EQ(synthetic_status(after), "ok");
}

TEST_F(SyntheticProbeTest, TheProberRaisesAnAlertWhenIngestionIsStoppedAndClearsItWhenItResumes) {
  probe_once(false);
  probe_once(false);
  EXPECT_TRUE(alert_tickets().empty()) << "two failures are not yet an alert";
  probe_once(false);
  auto alerts = alert_tickets();
  ASSERT_EQ(alerts.size(), 1u);
  const Ticket alert = alerts[0];
  EXPECT_EQ(alert.title, "Synthetic probe: ATS webhook ingestion is failing");
  EXPECT_EQ(alert.team, "it_support");
  EXPECT_EQ(alert.severity, Severity::sev2);
  EXPECT_EQ(alert.reporter, "snag:synthetic");
  EXPECT_EQ(state().alert_ticket, alert.id);
  EXPECT_EQ(synthetic_status(state()), "failing");

  probe_once(false);
  EXPECT_EQ(alert_tickets().size(), 1u) << "one alert while it is open";
  EXPECT_EQ(state().consecutive_failures, 4);

  probe_once(true);
  const SyntheticState recovered = state();
  EXPECT_EQ(recovered.consecutive_failures, 0);
  EXPECT_FALSE(recovered.alert_ticket);
  auto resolved = store->find_ticket(alert.id);
  ASSERT_TRUE(resolved && *resolved);
  EXPECT_EQ((*resolved)->status, "resolved");
  EXPECT_TRUE(synthetic_tickets().empty()) << "the probes' tickets were removed";
  EXPECT_EQ(synthetic_status(recovered), "ok");
}

TEST_F(SyntheticProbeTest, ARefusedWebhookFailsAtOnceAndAProbeWaitsForItsPredecessor) {
  probe_once(true);  // creates the connector
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    auto connector = tx.find_connector(k_synthetic_connector_id);
    if (!connector) return tl::unexpected(connector.error());
    (*connector)->disabled = true;
    return tx.update_connector(**connector);
  }));
  intake.forget_connector(k_synthetic_connector_id);
  probe_once(false);
  EXPECT_EQ(state().consecutive_failures, 1);
  EXPECT_NE(state().last_error.find("answered 404"), std::string::npos) << state().last_error;

  // A probe whose ticket may still come holds the next slot back.
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    auto begun = monitor.begin_probe(tx, clock.now());
    if (!begun) return tl::unexpected(begun.error());
    EXPECT_TRUE(*begun);
    auto again = monitor.begin_probe(tx, clock.now() + 10s);
    if (!again) return tl::unexpected(again.error());
    EXPECT_FALSE(*again);
    return {};
  }));
}

}  // namespace synthetic_probe_test
}  // namespace snag
