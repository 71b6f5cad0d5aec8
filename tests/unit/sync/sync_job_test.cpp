// The ats.sync job: which connectors it pulls, and that one failing connector neither stops the
// others nor goes unreported.

#include <algorithm>

#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/cli/mock_ats/harvest_api.hpp>
#include <snag/cli/mock_ats/tiny_server.hpp>
#include <snag/domain/ats/ats_policy.hpp>
#include <snag/config/settings.hpp>
#include <snag/jobs/periodic_jobs.hpp>
#include <snag/jobs/reconcile_job.hpp>
#include <snag/jobs/sync_job.hpp>
#include <snag/net/beast_http_client.hpp>

namespace snag {
namespace sync_job_test {

Connector connector(std::string id, std::string mode, std::optional<std::string> api_url) {
  Connector made;
  made.id = id;
  made.vendor = "greenhouse";
  made.ats = "ats-" + id;  // each its own candidates, to count them apart
  made.mode = std::move(mode);
  made.api_url = std::move(api_url);
  made.api_key = "job-key";
  made.created_at = *parse_rfc3339("2026-01-01T00:00:00Z");
  return made;
}

TEST(AtsSyncJob, RunsEveryQuarterHourByDefaultAndAsOftenAsTheSettingsSay) {
  const auto every = [](const AtsPolicy& policy, std::string_view kind) {
    const auto schedule = periodic_jobs(policy);
    const auto found =
        std::find_if(schedule.begin(), schedule.end(), [&](const PeriodicJob& job) { return job.kind == kind; });
    return found == schedule.end() ? std::chrono::milliseconds(0) : found->every;
  };
  EXPECT_EQ(every(AtsPolicy{}, k_ats_sync_job), std::chrono::minutes(15));
  EXPECT_EQ(every(AtsPolicy{}, k_ats_reconcile_job), std::chrono::hours(1));
  const auto settings = parse_settings("ats: {sync_every_minutes: 5, reconcile_every_minutes: 30}", "test.yaml", {});
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(every(settings->ats, k_ats_sync_job), std::chrono::minutes(5));
  EXPECT_EQ(every(settings->ats, k_ats_reconcile_job), std::chrono::minutes(30));
  EXPECT_FALSE(parse_settings("ats: {sync_every_minutes: 0}", "test.yaml", {}));
}

TEST(AtsSyncJob, PullsBatchAndHybridConnectorsAndReportsTheOnesThatFailed) {
  testing::TestDatabase database;
  auto store = database.open();
  ASSERT_TRUE(store);
  mock_ats::HarvestApi api(mock_ats::generate_candidates(30, 11), {std::string("job-key"), 0, false});
  auto server = mock_ats::TinyServer::start(
      "127.0.0.1:0", [&api](const mock_ats::MockRequest& request) { return api.handle(request); });
  ASSERT_TRUE(server);
  const std::string url = (*server)->url();

  std::vector<Connector> connectors{connector("batch", "batch", url), connector("hybrid", "hybrid", url),
                                    connector("realtime", "realtime", url), connector("off", "batch", url),
                                    connector("down", "batch", "http://127.0.0.1:1")};
  connectors[3].disabled = true;
  Connector file = connector("file", "batch", std::nullopt);
  file.vendor = "csv";
  connectors.push_back(file);
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    for (const auto& made : connectors) {
      if (auto inserted = tx.insert_connector(made); !inserted) return inserted;
    }
    return {};
  }));

  const SystemClock clock;
  const AtsPolicy policy;
  const EventApplier applier(testing::default_catalog(), testing::default_router());
  BeastHttpClient http;
  sync::SyncSettings settings;
  settings.max_retries = 0;
  const sync::BatchSync batch(*store, http, applier, clock, settings, [](std::chrono::milliseconds) {});
  Job job;
  job.kind = std::string(k_ats_sync_job);
  JobContext context(*store, job, clock.now());

  const auto ran = run_ats_sync(batch, job, context);
  ASSERT_FALSE(ran);
  EXPECT_NE(ran.error().message.find("down"), std::string::npos) << ran.error().message;
  EXPECT_EQ(ran.error().message.find("batch,"), std::string::npos) << ran.error().message;

  const auto candidates_of = [&](const std::string& id) {
    return testing::count_rows(database.url(), "candidates WHERE ats = 'ats-" + id + "'");
  };
  EXPECT_EQ(candidates_of("batch"), 30);
  EXPECT_EQ(candidates_of("hybrid"), 30);
  EXPECT_EQ(candidates_of("realtime"), 0);
  EXPECT_EQ(candidates_of("off"), 0);
  EXPECT_EQ(candidates_of("down"), 0);
  EXPECT_TRUE((*store->find_connector("hybrid"))->sync_watermark);
  EXPECT_FALSE((*store->find_connector("realtime"))->sync_watermark);
}

}  // namespace sync_job_test
}  // namespace snag
