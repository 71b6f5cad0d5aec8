#pragma once
// What the outbound tests share: a real store (SQLite, or PostgreSQL in the suite's second
// run) with the use cases wired over it, a clock tests move by hand (safe to read from the
// worker's thread), an HTTP client whose answers a test scripts, and a capture of log lines.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "../support/default_catalog.hpp"
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <test_database.hpp>

#include <snag/app/app_services.hpp>
#include <snag/app/ports/http_client.hpp>
#include <snag/integrations/outbound/subscription_service.hpp>
#include <snag/integrations/outbound/vendor_registry.hpp>

namespace snag::testing {

// A clock that only moves when told; any thread may read it.
class SteppedClock final : public Clock {
 public:
  explicit SteppedClock(Timestamp now) : m_now_ms(to_epoch_ms(now)) {}
  Timestamp now() const override { return from_epoch_ms(m_now_ms.load()); }
  void advance(std::chrono::milliseconds by) { m_now_ms += by.count(); }

 private:
  std::atomic<std::int64_t> m_now_ms;
};

// An HttpClient that records every request and answers as `respond` says (200 by default).
class ScriptedHttpClient final : public HttpClient {
 public:
  using Respond = std::function<Result<HttpClientResponse>(const HttpClientRequest&)>;

  Result<HttpClientResponse> send(const HttpClientRequest& request) override {
    Respond respond;
    {
      std::lock_guard lock(m_mutex);
      m_requests.push_back(request);
      respond = m_respond;
    }
    if (respond) return respond(request);
    HttpClientResponse response;
    response.status = 200;
    return response;
  }

  void answer(Respond respond) {
    std::lock_guard lock(m_mutex);
    m_respond = std::move(respond);
  }
  void answer_status(int status) {
    answer([status](const HttpClientRequest&) -> Result<HttpClientResponse> {
      HttpClientResponse response;
      response.status = status;
      return response;
    });
  }
  std::vector<HttpClientRequest> requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }

 private:
  mutable std::mutex m_mutex;
  std::vector<HttpClientRequest> m_requests;
  Respond m_respond;
};

// Sends the process's log lines into a string for the fixture's lifetime.
class LogCapture {
 public:
  LogCapture() : m_previous(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_lines);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_pattern("{%v");  // log_event leaves the opening brace to the pattern
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(m_previous); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  std::string text() const {
    spdlog::default_logger()->flush();
    return m_lines.str();
  }

 private:
  std::shared_ptr<spdlog::logger> m_previous;
  std::ostringstream m_lines;
};

inline constexpr std::int64_t k_test_epoch_ms = 1'795'000'000'000;

inline Actor admin_actor() {
  Actor actor;
  actor.name = "ops-admin";
  actor.role = "admin";
  actor.credential = "key:1";
  actor.address = "127.0.0.1";
  return actor;
}

// The store, the clock and the use cases the outbound tests drive.
struct OutboundWorld {
  OutboundWorld()
      : store(database.open()),
        clock(from_epoch_ms(k_test_epoch_ms)),
        app(*store, default_catalog(), clock),
        // The receivers of these tests listen on 127.0.0.1, which the default policy refuses.
        subscriptions(*store, clock, app.access, OutboundTargetPolicy{true, {}}),
        vendors(*store, clock, app.access) {}

  // A subscription to `url`; fails the test when it cannot be created.
  Subscription subscribe(std::string url, std::string vendor, std::vector<std::string> events,
                         std::vector<std::string> allowlist) {
    NewSubscription request;
    request.name = "test destination";
    request.url = std::move(url);
    request.vendor = std::move(vendor);
    request.events = std::move(events);
    request.field_allowlist = std::move(allowlist);
    auto created = subscriptions.create(admin_actor(), std::move(request));
    EXPECT_TRUE(created) << created.error().message;
    return created ? created->subscription : Subscription{};
  }

  // Records both attestations as valid for a year from now (or as given).
  void attest(std::string vendor, std::optional<Timestamp> soc2, std::optional<Timestamp> iso) {
    AttestationUpdate update;
    update.vendor = std::move(vendor);
    update.name = "Vendor " + update.vendor;
    update.soc2_type2_expires_at = soc2;
    update.iso27001_expires_at = iso;
    auto done = vendors.upsert(admin_actor(), update);
    EXPECT_TRUE(done) << done.error().message;
  }
  void attest_current(std::string vendor) {
    const Timestamp in_a_year = clock.now() + std::chrono::days(365);
    attest(std::move(vendor), in_a_year, in_a_year);
  }

  // A ticket full of personal data that no allowlist in these tests lets through.
  Ticket open_ticket() {
    TicketDraft draft;
    draft.type = "resume_parse_failure";
    draft.title = "Resume of Jane Roe unreadable";
    draft.description = "Call Jane at +1 415 555 0199 or jane.roe@example.com";
    draft.candidate = CandidateRef{"greenhouse", "53883394"};
    draft.fields = {{"visa_status", "h1b"},
                    {"email", "jane.roe@example.com"},
                    {"phone", "+14155550199"},
                    {"notes", "free text about Jane"}};
    auto created = app.tickets.create(admin_actor(), draft, std::nullopt);
    EXPECT_TRUE(created) << created.error().message;
    return created ? created->ticket : Ticket{};
  }

  std::vector<OutboxMessage> outbox(SubscriptionId id) {
    auto messages = store->outbox_messages(id, 1000);
    EXPECT_TRUE(messages) << messages.error().message;
    return messages ? *messages : std::vector<OutboxMessage>{};
  }

  TestDatabase database;
  std::unique_ptr<Store> store;
  SteppedClock clock;
  AppServices app;
  SubscriptionService subscriptions;
  VendorRegistry vendors;
};

// Strings of open_ticket() that must never leave Snag for the tests' allowlists.
inline const std::vector<std::string>& personal_data_of_open_ticket() {
  static const std::vector<std::string> k_values{
      "Jane", "jane.roe@example.com", "555 0199", "+14155550199", "free text", "unreadable"};
  return k_values;
}

}  // namespace snag::testing
