#pragma once
// Leasing from the three work queues, deliveries, jobs and outbox, which share the columns it
// needs: state, run_at, lease_until, leased_by, lease_token and attempts.

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <snag/app/ports/store.hpp>
#include <snag/storage/sql/statement_helpers.hpp>

namespace snag::sql {

// Leases up to request.max_jobs rows of `table` under `token`, oldest (by id) first, each read
// by `read` from the `returning` columns. Two range scans of the partial indexes of pending
// rows (schema version 25), each as long as the lease: first the rows whose lease ran out
// (their node died), then the queued rows that are due. One condition with OR made SQLite
// sort every due row for each lease, so a backlog drained in quadratic time, and once PRAGMA
// optimize had counted the finished rows, it read the whole table instead.
template <class Record, class Connection, class Read>
Result<std::vector<Record>> lease_from_queue(Connection& connection, std::string_view table, std::string_view returning,
                                             const LeaseRequest& request, std::string_view token, Read read) {
  std::vector<Record> leased;
  for (const std::string_view due : {"state = 'leased' AND lease_until <= ? ORDER BY lease_until, id",
                                     "state = 'queued' AND run_at <= ? ORDER BY run_at, id"}) {
    if (leased.size() >= request.max_jobs) break;
    auto statement =
        connection.prepare("UPDATE " + std::string(table) +
                           " SET state = 'leased', leased_by = ?, lease_token = ?, lease_until = ?, "
                           "attempts = attempts + 1 WHERE id IN (SELECT id FROM " +
                           std::string(table) + " WHERE " + std::string(due) + " LIMIT ?" +
                           std::string(Connection::dialect().skip_locked) + ") RETURNING " + std::string(returning));
    statement.bind(1, request.node).bind(2, token).bind(3, to_epoch_ms(request.now + request.lease_for));
    statement.bind(4, to_epoch_ms(request.now)).bind(5, static_cast<std::int64_t>(request.max_jobs - leased.size()));
    auto rows = all_rows<Record>(statement, read);
    if (!rows) return rows;
    leased.insert(leased.end(), std::make_move_iterator(rows->begin()), std::make_move_iterator(rows->end()));
  }
  // RETURNING rows come in no promised order.
  std::sort(leased.begin(), leased.end(), [](const Record& a, const Record& b) { return a.id.value < b.id.value; });
  return leased;
}

}  // namespace snag::sql
