#pragma once
// The statements of the access log (domain/access/access_log.hpp), written once for both
// backends: appending to its hash chain (on the writer's connection, inside a work) and reading
// it back a page or all of it at a time (on any connection).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/app/ports/store.hpp>

namespace snag::sql {

// The last entry of the access log's chain.
struct AccessLogHead {
  std::int64_t seq = 0;
  std::string hash;
};

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// access_log_queries.cpp).
template <class Connection>
struct AccessLogQueries {
  using Statement = decltype(std::declval<Connection&>().prepare(std::string_view{}));

  // Gives the entries the seqs after `head`, seals each onto the one before it, inserts them
  // and moves `head` to the last. An empty `head` is read from the table first: the writer
  // keeps it for one batch, during which nobody else appends (it holds SQLite's write lock, or
  // on PostgreSQL the journal's advisory lock), and restores it when a work rolls back.
  static Result<void> append(Connection& connection, std::vector<AccessEntry> entries,
                             std::optional<AccessLogHead>& head);
  // Newest first; the filters are combined with AND. invalid_argument for a limit below 1.
  static Result<AccessLogPage> page(Connection& connection, const AccessLogQuery& query);
  // Every entry in seq order until `visit` returns false, read in pages.
  static Result<void> scan(Connection& connection, const std::function<bool(const AccessEntry&)>& visit);
};

}  // namespace snag::sql
