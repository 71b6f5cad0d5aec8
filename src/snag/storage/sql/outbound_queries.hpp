#pragma once
// The statements of outgoing webhooks' tables (subscriptions, vendor_attestations, outbox),
// written once for both backends. The reads run on any connection; the writes only on the
// writer's, inside a work (SqlWriteTransaction).
//
// The outbox's journal position (the seq of the last journal entry turned into messages) is
// kept in ats_objects under connector 'outbound', object 'journal', with the seq in
// applied_at: that table is already the integration's key-value of per-source positions, and
// moving the position in the same transaction as the messages it produced is what makes the
// filler exactly-once.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// outbound_queries.cpp).
template <class Connection>
struct OutboundQueries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  static Result<std::vector<Subscription>> subscriptions(Connection& connection);
  static Result<std::optional<Subscription>> subscription(Connection& connection, SubscriptionId id);
  static Result<std::vector<VendorAttestation>> vendor_attestations(Connection& connection);
  static Result<std::optional<VendorAttestation>> vendor_attestation(Connection& connection, std::string_view vendor);
  static Result<std::vector<OutboxStats>> outbox_stats(Connection& connection);
  static Result<std::vector<OutboxMessage>> outbox_messages(Connection& connection, SubscriptionId subscription,
                                                            std::size_t limit);

  // The writes, as WriteTransaction (app/ports/store.hpp) describes them.
  static Result<SubscriptionId> insert_subscription(Connection& connection, const Subscription& subscription);
  static Result<bool> delete_subscription(Connection& connection, SubscriptionId id);
  static Result<std::vector<Subscription>> enabled_subscriptions(Connection& connection);
  static Result<std::optional<int>> count_subscription_failure(Connection& connection, SubscriptionId id);
  static Result<void> reset_subscription_failures(Connection& connection, SubscriptionId id);
  static Result<bool> disable_subscription(Connection& connection, SubscriptionId id, Timestamp at);
  static Result<bool> enable_subscription(Connection& connection, SubscriptionId id);
  static Result<void> upsert_vendor_attestation(Connection& connection, const VendorAttestation& attestation);
  static Result<std::optional<std::int64_t>> outbox_journal_position(Connection& connection);
  static Result<void> advance_outbox_journal_position(Connection& connection, std::int64_t from, std::int64_t to);
  static Result<OutboxId> insert_outbox_message(Connection& connection, const NewOutboxMessage& message);
  static Result<std::vector<OutboxMessage>> lease_outbox(Connection& connection, const LeaseRequest& request);
  static Result<void> complete_outbox_message(Connection& connection, const OutboxMessage& message, Timestamp now);
  static Result<void> fail_outbox_message(Connection& connection, const OutboxMessage& message, std::string_view error,
                                          Timestamp now, std::optional<Timestamp> retry_at);
  static Result<void> block_outbox_message(Connection& connection, const OutboxMessage& message,
                                           std::string_view reason, Timestamp now);
};

}  // namespace snag::sql
