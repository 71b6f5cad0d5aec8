#pragma once
// The statements of the ATS integration's tables (connectors, deliveries, ats_objects,
// candidate_merges, reconciliations), written once for both backends. The reads run on any
// connection; the writes only on the writer's, inside a work (SqlWriteTransaction).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// integration_queries.cpp).
template <class Connection>
struct IntegrationQueries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  static Result<std::optional<Connector>> connector(Connection& connection, std::string_view id);
  static Result<std::vector<Connector>> connectors(Connection& connection);
  static Result<std::vector<ConnectorStats>> connector_stats(Connection& connection);
  static Result<DeadLetterPage> dead_letters(Connection& connection, const DeadLetterQuery& query);
  static Result<std::optional<Delivery>> delivery(Connection& connection, DeliveryId id);
  static Result<std::vector<Reconciliation>> open_reconciliations(Connection& connection, std::size_t limit);

  // The writes, as WriteTransaction (app/ports/store.hpp) describes them.
  static Result<void> insert_connector(Connection& connection, const Connector& connector);
  static Result<void> update_connector(Connection& connection, const Connector& connector);
  static Result<bool> insert_delivery(Connection& connection, const NewDelivery& delivery);
  static Result<std::vector<Delivery>> lease_deliveries(Connection& connection, const LeaseRequest& request);
  static Result<void> complete_delivery(Connection& connection, const Delivery& delivery, Timestamp now);
  static Result<void> fail_delivery(Connection& connection, const Delivery& delivery, std::string_view error,
                                    Timestamp now, std::optional<Timestamp> retry_at);
  static Result<std::int64_t> replay_dead_deliveries(Connection& connection, std::optional<DeliveryId> id,
                                                     const std::optional<std::string>& connector, Timestamp now);
  static Result<std::optional<Timestamp>> object_applied_at(Connection& connection, std::string_view connector,
                                                            std::string_view object);
  static Result<void> set_object_applied_at(Connection& connection, std::string_view connector,
                                            std::string_view object, Timestamp at);
  static Result<std::optional<std::string>> merged_into(Connection& connection, const CandidateRef& ref);
  static Result<void> record_candidate_merge(Connection& connection, const CandidateRef& from,
                                             std::string_view into_external_id, Timestamp at);
  // True when the stored candidate had not withdrawn before.
  static Result<bool> record_withdrawal(Connection& connection, const CandidateRef& ref, Timestamp at);
  static Result<std::vector<Ticket>> candidate_tickets(Connection& connection, const CandidateRef& ref);
  static Result<ReconciliationId> insert_reconciliation(Connection& connection, const Reconciliation& reconciliation);
  static Result<std::vector<Reconciliation>> overdue_reconciliations(Connection& connection,
                                                                     Timestamp created_before);
  static Result<void> update_reconciliation(Connection& connection, const Reconciliation& reconciliation);
  static Result<void> resolve_reconciliations(Connection& connection, const CandidateRef& candidate, Timestamp now);
};

}  // namespace snag::sql
