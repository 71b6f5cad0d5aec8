#pragma once
// A real store with a Standard Webhooks connector, a manual clock and the integration's
// services over them, for the inbox tests.

#include "../support/manual_clock.hpp"
#include <default_catalog.hpp>
#include <gtest/gtest.h>
#include <test_database.hpp>

#include <snag/integrations/inbox_processor.hpp>

namespace snag::testing {

class InboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = database.open();
    ASSERT_TRUE(store);
    connector.id = "sw";
    connector.vendor = "standard_webhooks";
    connector.ats = "acme";
    connector.secrets = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"};
    connector.created_at = clock.now();
    ASSERT_TRUE(store->write([&](WriteTransaction& tx) { return tx.insert_connector(connector); }));
  }

  // Stores a delivery as the intake would; false when its event id was stored before.
  bool deliver(const std::string& event_id, const nlohmann::json& body) {
    NewDelivery delivery;
    delivery.connector = connector.id;
    delivery.event_id = event_id;
    delivery.received_at = clock.now();
    delivery.body = body.dump();
    bool inserted = false;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto stored = tx.insert_delivery(delivery);
      if (!stored) return tl::unexpected(stored.error());
      inserted = *stored;
      return {};
    }));
    return inserted;
  }

  nlohmann::json event(const std::string& type, const std::string& external_id, const std::string& name = "") {
    nlohmann::json candidate{{"ats", "acme"}, {"external_id", external_id}};
    if (!name.empty()) candidate["name"] = name;
    return {{"type", type}, {"timestamp", format_rfc3339(clock.now())}, {"data", {{"candidate", candidate}}}};
  }

  std::vector<Ticket> tickets_of(const std::string& external_id) {
    std::vector<Ticket> tickets;
    EXPECT_TRUE(store->write([&](WriteTransaction& tx) -> Result<void> {
      auto found = tx.candidate_tickets(CandidateRef{"acme", external_id});
      if (!found) return tl::unexpected(found.error());
      tickets = std::move(*found);
      return {};
    }));
    return tickets;
  }

  TestDatabase database;
  std::unique_ptr<Store> store;
  ManualClock clock{from_epoch_ms(1'795'000'000'000)};
  AtsPolicy policy;
  EventApplier applier{default_catalog(), default_router()};
  Connector connector;
};

}  // namespace snag::testing
