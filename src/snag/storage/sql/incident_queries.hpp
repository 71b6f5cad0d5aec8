#pragma once
// The statements of incidents (incidents, incident_tickets, incident_updates) and change records
// (changes, change_tickets), written once for both backends. The reads run on any connection;
// the writes only on the writer's, inside a work (SqlWriteTransaction).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// incident_queries.cpp).
template <class Connection>
struct IncidentQueries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  // The reads, as Store and WriteTransaction (app/ports/store.hpp) describe them.
  static Result<std::optional<Incident>> incident(Connection& connection, IncidentId id);
  static Result<IncidentPage> incidents(Connection& connection, const IncidentQuery& query);
  static Result<std::vector<Incident>> incidents_to_sweep(Connection& connection);
  static Result<std::vector<IncidentId>> incident_ids(Connection& connection);
  static Result<std::optional<ChangeRecord>> change(Connection& connection, std::string_view id);
  static Result<std::vector<ChangeRecord>> changes(Connection& connection, std::size_t limit);
  static Result<ChangeLinks> change_links(Connection& connection, std::string_view id);
  static Result<TicketLinks> ticket_links(Connection& connection, TicketId ticket);
  static Result<std::vector<ChangeDefects>> change_defects(Connection& connection, Timestamp from, Timestamp to);

  // The writes.
  static Result<IncidentId> insert_incident(Connection& connection, const Incident& incident);
  static Result<void> update_incident(Connection& connection, const Incident& incident);
  static Result<void> append_incident_update(Connection& connection, IncidentId incident, const IncidentUpdate& update);
  static Result<std::optional<IncidentId>> link_incident_ticket(Connection& connection, IncidentId incident,
                                                                TicketId ticket, Timestamp at);
  static Result<bool> unlink_incident_ticket(Connection& connection, IncidentId incident, TicketId ticket);
  static Result<void> insert_change(Connection& connection, const ChangeRecord& change);
  static Result<std::optional<std::string>> link_change_ticket(Connection& connection, std::string_view change,
                                                               TicketId ticket, Timestamp at);
  static Result<void> replace_incident_update_message(Connection& connection, IncidentId incident,
                                                      std::string_view from, std::string_view to);
  static Result<void> update_change_summary(Connection& connection, std::string_view id, std::string_view summary);
};

}  // namespace snag::sql
