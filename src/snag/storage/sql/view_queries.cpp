#include <string>

#include <snag/storage/postgresql/connection.hpp>
#include <snag/storage/sql/rows.hpp>
#include <snag/storage/sql/statement_helpers.hpp>
#include <snag/storage/sql/view_queries.hpp>
#include <snag/storage/sqlite/connection.hpp>

namespace snag::sql {
namespace {

constexpr std::string_view k_view_columns = "id, owner, name, query, shared, created_at, updated_at";

template <class Statement>
Result<SavedView> read_view(const Statement& row) {
  SavedView view;
  view.id = SavedViewId{row.int64(0)};
  view.owner = row.text(1);
  view.name = row.text(2);
  view.query = row.text(3);
  view.shared = row.int64(4) != 0;
  view.created_at = from_epoch_ms(row.int64(5));
  view.updated_at = from_epoch_ms(row.int64(6));
  return view;
}

tl::unexpected<Error> name_taken(const SavedView& view) {
  return fail(ErrorCode::conflict, "You have a view called '" + view.name + "' already.");
}

}  // namespace

template <class Connection>
Result<std::vector<SavedView>> ViewQueries<Connection>::views_for(Connection& connection, std::string_view owner) {
  static const std::string sql =
      select_from(k_view_columns, " FROM saved_views WHERE owner = ? OR shared = 1 ORDER BY name, id");
  auto statement = connection.prepare(sql);
  statement.bind(1, owner);
  return all_rows<SavedView>(statement, read_view<decltype(statement)>);
}

template <class Connection>
Result<std::optional<SavedView>> ViewQueries<Connection>::view(Connection& connection, SavedViewId id) {
  static const std::string sql = select_from(k_view_columns, " FROM saved_views WHERE id = ?");
  auto statement = connection.prepare(sql);
  statement.bind(1, id.value);
  return optional_row<SavedView>(statement, read_view<decltype(statement)>);
}

template <class Connection>
Result<SavedViewId> ViewQueries<Connection>::insert_view(Connection& connection, const SavedView& view) {
  // ON CONFLICT rather than catching the violation: on PostgreSQL a failed statement would
  // abort the whole transaction.
  auto statement = connection.prepare(
      "INSERT INTO saved_views (owner, name, query, shared, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (owner, name) DO NOTHING RETURNING id");
  statement.bind(1, view.owner).bind(2, view.name).bind(3, view.query).bind(4, view.shared);
  statement.bind(5, to_epoch_ms(view.created_at)).bind(6, to_epoch_ms(view.updated_at));
  auto id = returned_value(statement);
  if (!id) return tl::unexpected(id.error());
  if (!*id) return name_taken(view);
  return SavedViewId{**id};
}

template <class Connection>
Result<void> ViewQueries<Connection>::update_view(Connection& connection, const SavedView& view) {
  // A rename onto another of the owner's views changes nothing (for the same reason as above).
  auto statement = connection.prepare(
      "UPDATE saved_views SET name = ?, query = ?, shared = ?, updated_at = ? WHERE id = ? AND NOT EXISTS "
      "(SELECT 1 FROM saved_views AS other WHERE other.owner = ? AND other.name = ? AND other.id <> ?) RETURNING id");
  statement.bind(1, view.name).bind(2, view.query).bind(3, view.shared).bind(4, to_epoch_ms(view.updated_at));
  statement.bind(5, view.id.value).bind(6, view.owner).bind(7, view.name).bind(8, view.id.value);
  auto updated = returned_value(statement);
  if (!updated) return tl::unexpected(updated.error());
  if (!*updated) return name_taken(view);
  return {};
}

template <class Connection>
Result<bool> ViewQueries<Connection>::delete_view(Connection& connection, SavedViewId id) {
  auto statement = connection.prepare("DELETE FROM saved_views WHERE id = ? RETURNING id");
  statement.bind(1, id.value);
  auto deleted = returned_value(statement);
  if (!deleted) return tl::unexpected(deleted.error());
  return deleted->has_value();
}

template struct ViewQueries<sqlite::Connection>;
template struct ViewQueries<postgresql::Connection>;

}  // namespace snag::sql
