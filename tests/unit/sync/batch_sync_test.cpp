// Batch sync end to end: BatchSync and the Beast HTTP client against an in-process mock ATS (the
// one `snag mock-ats` serves), writing through the real EventApplier into a real store (SQLite,
// and PostgreSQL in the suite's second run).

#include <atomic>
#include <functional>
#include <mutex>

#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/cli/mock_ats/harvest_api.hpp>
#include <snag/cli/mock_ats/tiny_server.hpp>
#include <snag/domain/ats/ats_policy.hpp>
#include <snag/integrations/sync/batch_sync.hpp>
#include <snag/net/beast_http_client.hpp>

namespace snag::sync {
namespace batch_sync_test {

using mock_ats::MockCandidate;
using mock_ats::MockRequest;
using mock_ats::MockResponse;
using std::chrono::milliseconds;

constexpr const char* k_key = "harvest-key-0123456789";

class FixedClock final : public Clock {
 public:
  Timestamp now() const override { return *parse_rfc3339("2026-09-01T08:00:00Z"); }
};

// "?page=3&…" or "&page=3": the page a request asks for (1 when it names none).
int page_of(const std::string& target) {
  for (const char* key : {"?page=", "&page="}) {
    const auto at = target.find(key);
    if (at != std::string::npos) return std::stoi(target.substr(at + 6));
  }
  return 1;
}

class BatchSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
  }

  // Serves the candidates; `intercept` may answer a request instead of the mock API.
  void serve(std::vector<MockCandidate> served, mock_ats::HarvestApiOptions options = {std::string(k_key), 0, false}) {
    candidates = std::move(served);
    api = std::make_unique<mock_ats::HarvestApi>(candidates, std::move(options));
    auto started = mock_ats::TinyServer::start("127.0.0.1:0", [this](const MockRequest& request) {
      {
        std::lock_guard lock(mutex);
        targets.push_back(request.target);
      }
      if (failing_page.load() > 0 && page_of(request.target) == failing_page.load()) {
        return MockResponse{503, {{"Content-Type", "application/json"}}, R"({"message":"maintenance"})"};
      }
      const auto hook = [this] {
        std::lock_guard lock(mutex);
        return intercept;
      }();
      if (hook) {
        if (auto answer = hook(request)) return *answer;
      }
      return api->handle(request);
    });
    ASSERT_TRUE(started) << started.error().message;
    server = std::move(*started);
  }

  void add_connector(std::optional<std::string> api_url = std::nullopt, std::string key = k_key) {
    Connector connector;
    connector.id = "gh";
    connector.vendor = "greenhouse";
    connector.ats = "greenhouse";
    connector.mode = "batch";
    connector.api_url = api_url ? *api_url : server->url();
    connector.api_key = std::move(key);
    connector.created_at = clock.now();
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) { return tx.insert_connector(connector); }));
  }

  Result<SyncReport> sync(SyncSettings settings = {}) {
    const BatchSync batch(*store, http, applier, clock, settings, [this](milliseconds wait) { waits.push_back(wait); });
    return batch.sync("gh");
  }

  Connector connector() {
    auto found = store->find_connector("gh");
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : Connector{};
  }

  std::optional<Candidate> candidate(const MockCandidate& mock) {
    auto found = store->find_candidate(CandidateRef{"greenhouse", std::to_string(mock.id)});
    EXPECT_TRUE(found);
    return found ? *found : std::nullopt;
  }

  std::int64_t stored_candidates() { return testing::count_rows(database.url(), "candidates"); }

  void set_intercept(std::function<std::optional<MockResponse>(const MockRequest&)> hook) {
    std::lock_guard lock(mutex);
    intercept = std::move(hook);
  }

  std::vector<std::string> requested() {
    std::lock_guard lock(mutex);
    return targets;
  }

  testing::TestDatabase database;
  std::unique_ptr<Store> store;
  FixedClock clock;
  BeastHttpClient http;
  const AtsPolicy policy;
  const EventApplier applier{testing::default_catalog(), testing::default_router()};
  std::vector<MockCandidate> candidates;
  std::unique_ptr<mock_ats::HarvestApi> api;
  std::atomic<int> failing_page{0};
  std::mutex mutex;
  std::function<std::optional<MockResponse>(const MockRequest&)> intercept;  // guarded by mutex
  std::vector<std::string> targets;                                          // guarded by mutex
  std::vector<milliseconds> waits;
  std::unique_ptr<mock_ats::TinyServer> server;  // last: stops first, before what its handler uses
};

TEST_F(BatchSyncTest, EveryCandidateArrivesWithItsProfileAndTheWatermarkAdvances) {
  serve(mock_ats::generate_candidates(120, 1));
  add_connector();
  SyncSettings settings;
  settings.per_page = 50;
  const auto report = sync(settings);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->pages, 3u);
  EXPECT_EQ(report->candidates, 120u);
  EXPECT_EQ(report->created, 120u);
  EXPECT_EQ(report->skipped, 0u);
  EXPECT_EQ(stored_candidates(), 120);

  const MockCandidate& sample = candidates[37];
  const auto stored = candidate(sample);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->profile.name, sample.first_name + " " + sample.last_name);
  EXPECT_EQ(stored->profile.email, sample.personal_email);
  EXPECT_EQ(stored->profile.level, sample.level);
  EXPECT_EQ(stored->profile.geography, sample.geography);
  EXPECT_EQ(stored->profile.fields.at("visa_status"), sample.visa_status);
  EXPECT_EQ(stored->profile.fields.at("relocation"), sample.relocation);

  const Connector after = connector();
  EXPECT_EQ(after.sync_watermark, candidates.back().updated_at);
  EXPECT_EQ(after.synced_at, clock.now());
  EXPECT_EQ(report->watermark, candidates.back().updated_at);

  // Basic auth with the key as user name; the first page asks for everything (no watermark yet).
  const auto first = requested().at(0);
  EXPECT_EQ(first, "/v1/candidates?per_page=50");
}

TEST_F(BatchSyncTest, AnInterruptedSyncResumesFromTheWatermarkWithoutDuplicates) {
  serve(mock_ats::generate_candidates(120, 2));
  add_connector();
  SyncSettings settings;
  settings.per_page = 25;
  settings.max_retries = 2;
  settings.first_backoff = milliseconds(10);

  failing_page = 3;  // pages 1 and 2 commit, page 3 keeps failing
  const auto broken = sync(settings);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::unavailable);
  EXPECT_NE(broken.error().message.find("503"), std::string::npos) << broken.error().message;
  EXPECT_EQ(waits, (std::vector<milliseconds>{milliseconds(10), milliseconds(20)}));  // doubling backoff
  EXPECT_EQ(stored_candidates(), 50);
  EXPECT_EQ(connector().sync_watermark, candidates[49].updated_at);

  failing_page = 0;
  const std::size_t before = requested().size();
  const auto resumed = sync(settings);
  ASSERT_TRUE(resumed) << resumed.error().message;
  // updated_after is inclusive: the last record of page 2 comes again, harmlessly.
  EXPECT_EQ(requested().at(before),
            "/v1/candidates?per_page=25&updated_after=" + format_rfc3339(candidates[49].updated_at));
  EXPECT_EQ(resumed->candidates, 71u);
  EXPECT_EQ(resumed->created, 70u);
  EXPECT_EQ(stored_candidates(), 120);
  EXPECT_EQ(connector().sync_watermark, candidates.back().updated_at);
  for (const auto& mock : candidates) {
    const auto stored = candidate(mock);
    ASSERT_TRUE(stored) << mock.id;
    EXPECT_EQ(stored->profile.email, mock.personal_email);
  }
}

TEST_F(BatchSyncTest, AnApiNotOrderedByUpdatedAtHoldsTheWatermarkUntilTheLastPage) {
  serve(mock_ats::generate_candidates(120, 3), {std::string(k_key), 0, true});
  add_connector();
  SyncSettings settings;
  settings.per_page = 25;
  settings.max_retries = 0;

  failing_page = 3;
  ASSERT_FALSE(sync(settings));
  EXPECT_EQ(stored_candidates(), 50);
  // Pages by id mix old and new records: moving the watermark to the newest seen would skip the
  // older records of the pages not yet read.
  EXPECT_EQ(connector().sync_watermark, std::nullopt);

  failing_page = 0;
  const auto resumed = sync(settings);
  ASSERT_TRUE(resumed) << resumed.error().message;
  EXPECT_EQ(resumed->candidates, 120u);
  EXPECT_EQ(stored_candidates(), 120);
  Timestamp newest = candidates.front().updated_at;
  for (const auto& mock : candidates) newest = std::max(newest, mock.updated_at);
  EXPECT_EQ(connector().sync_watermark, newest);
}

TEST_F(BatchSyncTest, RateLimitsAreWaitedOutAndTheSamePageAskedAgain) {
  serve(mock_ats::generate_candidates(120, 4), {std::string(k_key), 2, false});  // every 2nd request: 429
  add_connector();
  SyncSettings settings;
  settings.per_page = 50;
  const auto report = sync(settings);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->rate_limit_waits, 2u);
  EXPECT_EQ(waits, (std::vector<milliseconds>{milliseconds(1000), milliseconds(1000)}));  // Retry-After: 1
  EXPECT_EQ(report->candidates, 120u);
  EXPECT_EQ(stored_candidates(), 120);
  const auto asked = requested();
  ASSERT_EQ(asked.size(), 5u);
  EXPECT_EQ(asked[1], asked[2]);  // the throttled page, asked again
  EXPECT_EQ(asked[3], asked[4]);
}

TEST_F(BatchSyncTest, GivesUpAfterTooManyRateLimitWaitsOrTooLongARetryAfter) {
  serve(mock_ats::generate_candidates(10, 5), {std::string(k_key), 1, false});  // every request: 429
  add_connector();
  SyncSettings settings;
  settings.max_rate_limit_waits = 3;
  const auto report = sync(settings);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(waits.size(), 3u);
  EXPECT_EQ(stored_candidates(), 0);

  waits.clear();
  set_intercept([](const MockRequest&) -> std::optional<MockResponse> {
    return MockResponse{429, {{"Retry-After", "3600"}}, "{}"};
  });
  const auto long_wait = sync(settings);
  ASSERT_FALSE(long_wait);
  EXPECT_EQ(long_wait.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(long_wait.error().retry_after_seconds, 3600);
  EXPECT_TRUE(waits.empty());
}

TEST_F(BatchSyncTest, ARefusedKeyEndsTheSyncWithoutNamingTheKey) {
  serve(mock_ats::generate_candidates(10, 6));
  add_connector(std::nullopt, "wrong-key-never-in-messages");
  const auto report = sync();
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::unauthenticated);
  EXPECT_NE(report.error().message.find("401"), std::string::npos) << report.error().message;
  EXPECT_EQ(report.error().message.find("wrong-key"), std::string::npos) << report.error().message;
  EXPECT_TRUE(waits.empty());  // not worth retrying
}

TEST_F(BatchSyncTest, AnUnreachableApiIsRetriedThenReportedUnavailable) {
  auto closed = mock_ats::TinyServer::start("127.0.0.1:0", [](const MockRequest&) { return MockResponse{}; });
  ASSERT_TRUE(closed);
  const std::string url = (*closed)->url();
  (*closed)->stop();
  closed->reset();
  add_connector(url, k_key);
  SyncSettings settings;
  settings.max_retries = 2;
  settings.first_backoff = milliseconds(5);
  settings.request_timeout = milliseconds(2000);
  const auto report = sync(settings);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::unavailable);
  EXPECT_NE(report.error().message.find("127.0.0.1"), std::string::npos) << report.error().message;
  EXPECT_EQ(report.error().message.find(k_key), std::string::npos);
  EXPECT_EQ(waits, (std::vector<milliseconds>{milliseconds(5), milliseconds(10)}));
}

TEST_F(BatchSyncTest, FollowsRelativeLinksButNeverALinkToAnotherOrigin) {
  serve(mock_ats::generate_candidates(30, 7));
  add_connector();
  set_intercept([this](const MockRequest& request) -> std::optional<MockResponse> {
    MockResponse answer = api->handle(request);
    for (auto& [name, value] : answer.headers) {
      if (name != "Link") continue;
      for (std::size_t at; (at = value.find(server->url())) != std::string::npos;) {
        value.erase(at, server->url().size());
      }
    }
    return answer;
  });
  SyncSettings settings;
  settings.per_page = 10;
  const auto relative = sync(settings);
  ASSERT_TRUE(relative) << relative.error().message;
  EXPECT_EQ(relative->pages, 3u);
  EXPECT_EQ(stored_candidates(), 30);

  set_intercept([](const MockRequest&) -> std::optional<MockResponse> {
    return MockResponse{200, {{"Link", "<http://elsewhere.example/v1/candidates?page=2>; rel=\"next\""}}, "[]"};
  });
  const std::size_t before = requested().size();
  const auto foreign = sync(settings);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(requested().size(), before + 1);  // the key never went anywhere else
}

TEST_F(BatchSyncTest, RecordsThatAreNotCandidatesAreSkippedAndPagesThatAreNotListsStopTheSync) {
  serve(mock_ats::generate_candidates(1, 8));
  add_connector();
  set_intercept([this](const MockRequest&) -> std::optional<MockResponse> {
    nlohmann::json page = nlohmann::json::array(
        {mock_ats::harvest_candidate_json(candidates[0]), {{"first_name", "No id"}}, "not an object"});
    return MockResponse{200, {}, page.dump()};
  });
  const auto report = sync();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->candidates, 1u);
  EXPECT_EQ(report->skipped, 2u);
  EXPECT_EQ(stored_candidates(), 1);

  set_intercept([](const MockRequest&) -> std::optional<MockResponse> {
    return MockResponse{200, {}, R"({"candidates": []})"};
  });
  const auto not_a_list = sync();
  ASSERT_FALSE(not_a_list);
  EXPECT_EQ(not_a_list.error().code, ErrorCode::invalid_argument);
}

TEST_F(BatchSyncTest, ANewerWebhookIsNotOverwrittenByAnOlderRecord) {
  serve(mock_ats::generate_candidates(5, 9));
  add_connector();
  const MockCandidate& mock = candidates[2];
  // A webhook about the candidate, an hour newer than the record the API still serves.
  AtsEvent webhook;
  webhook.type = AtsEventType::candidate_updated;
  webhook.source_action = "update_candidate";
  webhook.occurred_at = mock.updated_at + std::chrono::hours(1);
  webhook.candidate = CandidateRef{"greenhouse", std::to_string(mock.id)};
  webhook.object = "candidate:" + std::to_string(mock.id);
  webhook.profile = CandidateProfile{};
  webhook.profile->email = "newer@example.com";
  const Connector gh = connector();
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
    auto applied = applier.apply(tx, gh, webhook, clock.now());
    if (!applied) return tl::unexpected(applied.error());
    return {};
  }));

  const auto report = sync();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->superseded, 1u);
  EXPECT_EQ(candidate(mock)->profile.email, "newer@example.com");
  EXPECT_EQ(candidate(candidates[0])->profile.email, candidates[0].personal_email);
}

TEST_F(BatchSyncTest, UnknownAndDisabledConnectorsAreRefused) {
  const BatchSync batch(*store, http, applier, clock);
  EXPECT_EQ(batch.sync("nope").error().code, ErrorCode::not_found);
  serve(mock_ats::generate_candidates(1, 10));
  add_connector();
  Connector disabled = connector();
  disabled.disabled = true;
  ASSERT_TRUE(store->write([&](WriteTransaction& tx) { return tx.update_connector(disabled); }));
  EXPECT_EQ(batch.sync("gh").error().code, ErrorCode::conflict);
  EXPECT_TRUE(requested().empty());
}

}  // namespace batch_sync_test
}  // namespace snag::sync
