#pragma once
// The statements of the access log (domain/access/access_log.hpp), written once for both
// backends: appending to its hash chain (on the writer's connection, inside a work) and reading
// it back a page or all of it at a time (on any connection).

#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// access_log_queries.cpp).
template <class Connection>
struct AccessLogQueries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  // Gives the entries the seqs after the last row's, seals each onto the one before it and
  // inserts them. The chain's head is read from the table each time: the caller (the writer,
  // which holds the journal's advisory lock on PostgreSQL) serializes appends.
  static Result<void> append(Connection& connection, std::vector<AccessEntry> entries);
  // Newest first; the filters are combined with AND. invalid_argument for a limit below 1.
  static Result<AccessLogPage> page(Connection& connection, const AccessLogQuery& query);
  // Every entry in seq order until `visit` returns false, read in pages.
  static Result<void> scan(Connection& connection, const std::function<bool(const AccessEntry&)>& visit);
};

}  // namespace snag::sql
