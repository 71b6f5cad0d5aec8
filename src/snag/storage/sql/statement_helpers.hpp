#pragma once
// Small steps that many statements share, for either backend's Statement type.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <snag/util/error.hpp>
#include <snag/util/time.hpp>

namespace snag::sql {

// The one row a statement selects, read by `read` (which returns a record or a Result of
// one); nullopt when there is none.
template <class Record, class Statement, class Read>
Result<std::optional<Record>> optional_row(Statement& statement, Read read) {
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Record>{};
  Result<Record> record = read(statement);
  if (!record) return tl::unexpected(record.error());
  return std::optional<Record>{std::move(*record)};
}

// Every row of a statement, read by `read`.
template <class Record, class Statement, class Read>
Result<std::vector<Record>> all_rows(Statement& statement, Read read) {
  std::vector<Record> records;
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return records;
    Result<Record> record = read(statement);
    if (!record) return tl::unexpected(record.error());
    records.push_back(std::move(*record));
  }
}

// Runs a statement to its end and counts the rows it returns: with RETURNING, how many rows it
// changed, counted the same way on both backends.
template <class Statement>
Result<std::int64_t> counted_rows(Statement& statement) {
  std::int64_t count = 0;
  for (;;) {
    auto row = statement.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return count;
    ++count;
  }
}

// Runs a statement ending in RETURNING <one integer>, which affects at most one row, to its
// end; nullopt when no row was affected.
template <class Statement>
Result<std::optional<std::int64_t>> returned_value(Statement& statement) {
  auto row = statement.step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::int64_t>{};
  const std::int64_t value = statement.int64(0);
  auto end = statement.step();  // SQLite finishes the statement only on the step after the row
  if (!end) return tl::unexpected(end.error());
  return std::optional<std::int64_t>{value};
}

// The id an INSERT … RETURNING id issued.
template <class Statement>
Result<std::int64_t> inserted_id(Statement& statement) {
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return fail(ErrorCode::internal, "database error: an insert returned no id");
  return **id;
}

// A keyset page read one row past its limit (the extra row only says that more follow): drops
// that row and returns the cursor of the next page, the id of the last row kept; nullopt when no
// more follow.
template <class Record>
auto trim_page(std::vector<Record>& rows, std::size_t limit) -> std::optional<decltype(rows.back().id)> {
  if (rows.size() <= limit) return std::nullopt;
  rows.resize(limit);
  return rows.back().id;
}

inline std::optional<std::int64_t> optional_ms(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return to_epoch_ms(*t);
}

inline std::optional<Timestamp> optional_timestamp(const std::optional<std::int64_t>& ms) {
  if (!ms) return std::nullopt;
  return from_epoch_ms(*ms);
}

template <class Id>
std::optional<std::int64_t> optional_id(const std::optional<Id>& id) {
  if (!id) return std::nullopt;
  return id->value;
}

}  // namespace snag::sql
