#pragma once
// The statements of saved views (domain/views/saved_view.hpp), written once for both backends.
// The reads run on any connection; the writes only on the writer's, inside a work
// (SqlWriteTransaction).

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <snag/domain/views/saved_view.hpp>
#include <snag/util/error.hpp>

namespace snag::sql {

// Connection is sqlite::Connection or postgresql::Connection (explicitly instantiated in
// view_queries.cpp).
template <class Connection>
struct ViewQueries {
  // As Store and WriteTransaction (app/ports/store.hpp) describe them.
  static Result<std::vector<SavedView>> views_for(Connection& connection, std::string_view owner);
  static Result<std::optional<SavedView>> view(Connection& connection, SavedViewId id);
  static Result<SavedViewId> insert_view(Connection& connection, const SavedView& view);
  static Result<void> update_view(Connection& connection, const SavedView& view);
  static Result<bool> delete_view(Connection& connection, SavedViewId id);
};

}  // namespace snag::sql
