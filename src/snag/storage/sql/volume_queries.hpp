#pragma once
// The volume report's aggregate (Store::ticket_volume) from the statements of volume_sql.hpp,
// written once for both backends.

#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// volume_queries.cpp).
template <class Connection>
struct VolumeQueries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  // Per group, ordered bytewise by group on every backend. The statements are not one snapshot:
  // a ticket written between them may leave one group's figures a ticket apart.
  static Result<std::vector<VolumeRow>> ticket_volume(Connection& connection, const TicketQuery& query,
                                                      VolumeGrouping grouping, Timestamp now);
};

}  // namespace snag::sql
